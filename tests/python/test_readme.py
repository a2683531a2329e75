"""The example of the README's section "From Python" runs as a reader would run it, from a folder
of their own that holds the repository's scenarios, and draws its chart."""
import pathlib
import re
import runpy

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_readme_example_runs_and_saves_its_chart(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("\n## From Python\n"):]
    example = re.search(r"^```python\n(.*?)^```$", section, re.S | re.M).group(1)
    (tmp_path / "scenarios").symlink_to(ROOT / "scenarios")
    (tmp_path / "example.py").write_text(example)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    runpy.run_path(str(tmp_path / "example.py"), run_name="__main__")
    assert (tmp_path / "tech-service-level.png").stat().st_size > 0
