"""bench.load's CPU windows: what a soak report shows along the run."""

from pathlib import Path

from bench.load import SCRIPTS, cpu_windows, scripts_from


def _sample(messages: int, cpu: float) -> dict:
    return {"messages": messages, "cpu_s": {"rasa": cpu}}


def test_each_window_is_cpu_ms_per_message_between_samples() -> None:
    windows = cpu_windows([_sample(0, 0.0), _sample(100, 5.0), _sample(200, 11.0)])
    assert [(w["messages"], w["rasa"], w["all"]) for w in windows] == [
        (100, 50.0, 50.0), (200, 60.0, 60.0)]


def test_a_short_last_window_is_folded_into_the_one_before() -> None:
    # the forced final sample came 3 messages after a regular one: alone it would read 33 ms
    samples = [_sample(0, 0.0), _sample(100, 5.0), _sample(200, 10.0), _sample(203, 10.1)]
    windows = cpu_windows(samples)
    assert [w["messages"] for w in windows] == [100, 203]
    assert windows[-1]["rasa"] == round(1000 * 5.1 / 103, 1)


def test_a_full_last_window_stays() -> None:
    samples = [_sample(0, 0.0), _sample(100, 5.0), _sample(200, 10.0), _sample(280, 14.0)]
    assert [w["messages"] for w in cpu_windows(samples)] == [100, 200, 280]


def test_texts_from_a_set_leave_the_built_in_scripts_alone() -> None:
    before = [list(s) for s in SCRIPTS]
    scripts = scripts_from([Path(__file__).parent / "dev_plan29"])
    assert len(scripts) > 100 and all(scripts)
    assert SCRIPTS == before
