"""The OCR engine's set-up: each model the pages need is loaded once, with the session
options the reading was measured with (one thread, memory arena on)."""

from __future__ import annotations

from pathlib import Path

from analyzers.extract import ocr


def test_the_engine_loads_each_model_once_with_one_thread_and_its_arena_on(monkeypatch):
    from rapidocr_onnxruntime.utils import infer_engine

    loaded: list[str] = []
    package_session = infer_engine.InferenceSession

    def counted(path, sess_options=None, providers=None):
        loaded.append(Path(path).name)
        return package_session(path, sess_options=sess_options, providers=providers)

    monkeypatch.setattr(infer_engine, "InferenceSession", counted)
    monkeypatch.setattr(ocr, "_ENGINE", None)
    engine = ocr._engine()
    assert sorted(loaded) == ["ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx"]  # no classifier, no second load
    for session in (engine.text_det.infer.session, engine.text_rec.session.session):
        options = session.get_session_options()
        assert options.enable_cpu_mem_arena
        assert (options.intra_op_num_threads, options.inter_op_num_threads) == (1, 1)
    assert ocr._engine() is engine
    assert not infer_engine.OrtInferSession._init_sess_opts({}).enable_cpu_mem_arena  # the package's own, put back


def test_the_engine_reads_a_line_it_detected():
    import cv2
    import numpy as np

    page = np.full((200, 600, 3), 255, dtype=np.uint8)
    cv2.putText(page, "2024 365", (40, 120), cv2.FONT_HERSHEY_SIMPLEX, 2.0, (0, 0, 0), 5)
    boxes = ocr.detect(page)
    lines = ocr.recognise(page, boxes)
    assert "".join(line.text for line in lines).replace(" ", "") == "2024365"
