<?xml version="1.0" encoding="utf-8"?>
<!-- Shows the portal's Atom feeds (/feed.atom) as a readable page in a browser: the entries
     and how to subscribe. Feed readers ignore it. No script: the page obeys the portal's CSP. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom"
                exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="self" select="/atom:feed/atom:link[@rel='self']/@href"/>
  <xsl:variable name="html" select="/atom:feed/atom:link[@rel='alternate']/@href"/>
  <!-- the portal's root (with any path prefix) and the search's query string, from the self link -->
  <xsl:variable name="root" select="substring-before($self, 'feed.atom')"/>
  <xsl:variable name="query" select="substring-after($self, '?')"/>

  <xsl:template match="/atom:feed">
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/> · 订阅源</title>
        <link rel="stylesheet" href="{$root}static/nianbao.css"/>
      </head>
      <body>
        <header class="site-header">
          <div class="wrap header-inner">
            <a class="brand" href="{$root}"><span class="brand-mark">年报</span><span class="brand-text">政府信息公开工作年度报告检索</span></a>
          </div>
        </header>
        <main class="wrap feed-page">
          <h1><xsl:value-of select="atom:title"/></h1>
          <section class="feed-howto" aria-labelledby="howto">
            <h2 id="howto">这是一个订阅源（Atom）</h2>
            <p>这个网址不是普通网页，而是供“阅读器”订阅的订阅源：把它添加到阅读器后，符合这次检索的年报一经收录，阅读器就会提示您。</p>
            <ol>
              <li><label for="feed-url">复制下面的订阅源网址：</label><br/>
                <input id="feed-url" class="feed-url" type="text" readonly="readonly" size="60" value="{$self}"/></li>
              <li>在阅读器（如 Thunderbird、Inoreader、Feedly、NetNewsWire 等支持 RSS/Atom 的软件或网站）中选择“添加订阅”，粘贴这个网址。</li>
            </ol>
            <p>不用阅读器？<a href="{$root}alerts/new?{$query}">用电子邮件订阅这次检索</a>（每天或每周最多一封新收录摘要，可随时退订）。
              <a href="{$html}">在网站上查看检索结果</a>。</p>
          </section>
          <section aria-labelledby="entries">
            <h2 id="entries">最新收录（<xsl:value-of select="count(atom:entry)"/> 份）</h2>
            <xsl:choose>
              <xsl:when test="atom:entry">
                <ol class="feed-entries">
                  <xsl:apply-templates select="atom:entry"/>
                </ol>
              </xsl:when>
              <xsl:otherwise><p>暂时没有符合这次检索的年报；订阅后，新收录的年报会出现在这里。</p></xsl:otherwise>
            </xsl:choose>
          </section>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li class="feed-entry">
      <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
      <br/><span class="feed-meta">
        <xsl:if test="atom:summary"><xsl:value-of select="atom:summary"/> · </xsl:if>
        收录于 <time datetime="{atom:updated}"><xsl:value-of select="substring(atom:updated, 1, 10)"/></time>
      </span>
    </li>
  </xsl:template>
</xsl:stylesheet>
