/* Names as you type for the search box (#q): an accessible listbox fed by /api/suggest.
 * The form works without this script; it only adds suggestions for the word being typed.
 * Keys: ArrowDown/ArrowUp move, Enter takes the highlighted name, Escape closes. */
(function () {
  "use strict";
  var input = document.getElementById("q");
  if (!input || !window.fetch) { return; }
  var form = input.form;
  var script = document.currentScript;
  var endpoint = (script && script.getAttribute("data-suggest-url")) || "/api/suggest";
  var list = document.createElement("ul");
  var items = [];
  var active = -1;
  var timer = null;
  var asked = "";

  list.id = "q-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "单位和地名建议");
  list.hidden = true;
  input.parentNode.insertBefore(list, input.nextSibling);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  function lastWord() {
    var words = input.value.split(/\s+/);
    return words[words.length - 1];
  }

  function close() {
    list.hidden = true;
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    active = index;
    for (var i = 0; i < list.children.length; i++) {
      list.children[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    if (index >= 0) { input.setAttribute("aria-activedescendant", list.children[index].id); }
    else { input.removeAttribute("aria-activedescendant"); }
  }

  function choose(index) {
    var words = input.value.split(/\s+/);
    words[words.length - 1] = items[index].name;
    input.value = words.join(" ");
    close();
    input.focus();
  }

  function option(item, index) {
    var li = document.createElement("li");
    var where = document.createElement("span");
    li.id = "q-suggestion-" + index;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.appendChild(document.createTextNode(item.name));
    where.className = "suggestion-region";
    where.textContent = (item.kind === "agency" ? "机关" : "地区") + (item.region.length ? " · " + item.region.join(" ") : "");
    li.appendChild(where);
    li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(index); });
    return li;
  }

  function show(found) {
    items = found;
    while (list.firstChild) { list.removeChild(list.firstChild); }
    items.forEach(function (item, index) { list.appendChild(option(item, index)); });
    if (!items.length) { close(); return; }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(-1);
  }

  function ask() {
    var word = lastWord();
    if (!word || word === asked) { if (!word) { close(); } return; }
    asked = word;
    fetch(endpoint + "?q=" + encodeURIComponent(word), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { if (word === lastWord()) { show(data.suggestions || []); } })
      .catch(close);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    asked = "";
    timer = setTimeout(ask, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) { return; }
    if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
    else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(active); }
    // an open list takes the first Escape (a search box would clear itself)
    else if (event.key === "Escape") { event.preventDefault(); close(); }
  });
  input.addEventListener("blur", close);
  if (form) { form.addEventListener("submit", close); }
}());
