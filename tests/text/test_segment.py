"""Segmentation: government terms and place names whole, queries cut like documents."""

from __future__ import annotations

from analyzers.segment import index_text, query_tokens, segment, tokenizer


def test_government_terms_stay_whole():
    tokens = segment("对不予公开的政府信息公开申请提起行政诉讼或行政复议，三安全一稳定")
    for term in ("不予公开", "政府信息公开", "行政诉讼", "行政复议", "三安全一稳定"):
        assert term in tokens


def test_place_names_are_cut_at_their_boundary_and_emitted_as_stem_and_suffix():
    assert segment("潘庄镇在临清市委领导下") == ["潘庄", "镇", "在", "临清", "市", "委", "领导", "下"]


def test_whitespace_and_punctuation_tokens_are_dropped():
    assert segment("公开，  申请。\n（一）") == ["公开", "申请", "一"]


def test_full_width_digits_and_letters_are_normalised():
    assert segment("２０２０年ＡＢＣ") == ["2020", "年", "abc"]


def test_index_text_is_the_space_joined_segmentation():
    text = "南定镇人民政府2020年度政府信息公开工作年度报告"
    assert index_text(text) == " ".join(segment(text))
    assert "  " not in index_text(text)


def test_a_query_cuts_like_the_same_words_inside_a_document():
    document = segment("本年度共收到依申请公开件3件，均已办结。")
    query = query_tokens("依申请公开")
    start = document.index(query[0])
    assert document[start:start + len(query)] == query


def test_there_is_one_tokenizer_per_process():
    assert tokenizer() is tokenizer()


def test_empty_text_gives_no_tokens():
    assert segment("") == [] and index_text("   ") == ""


def test_jieba_next_without_hmm_cuts_exactly_like_jieba(seeds_dir, corpus_dev_dir):
    import jieba

    from analyzers.segment import add_project_words, normalize

    reference = jieba.Tokenizer()
    reference.initialize()
    add_project_words(reference)
    paths = sorted(seeds_dir.glob("*.txt")) + sorted(corpus_dev_dir.glob("*.src"))
    for path in paths:
        text = normalize(path.read_text(encoding="utf-8", errors="replace"))
        assert list(tokenizer().cut(text, HMM=False)) == list(reference.cut(text, HMM=False)), path.name


def test_jieba_fast_dat_style_split_of_lawsuit_does_not_happen():
    assert "行政诉讼" in segment("申请人提起行政诉讼")


def test_warm_up_loads_the_tokenizer_in_the_background():
    from analyzers.segment import warm_up

    warm_up().join()
    assert segment("主动公开") == ["主动公开"]


def test_a_place_typed_without_its_suffix_is_the_same_token_as_in_documents():
    # 潘家堡镇 is indexed as 潘家堡 + 镇; a citizen typing 潘家堡 must get that token, not 潘|家|堡.
    assert segment("潘家堡") == ["潘家堡"]
    assert segment("潘家堡镇人民政府")[0] == "潘家堡"
