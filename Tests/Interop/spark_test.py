"""extract as a step of Apache Spark (local[2]): Examples/spark/extract_job.py over WARC files.

The job's records must equal a single-process run's (as sets), a task whose extract fails as a
whole must fail the job, and the pages that fail one by one must still be reported on stderr.
Needs pyspark (Tests/Interop/run.sh installs it) and Java 17.
"""
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warc_test import EXTRACT, PIPELINE, ROOT, run, uri, write_archive

pytest.importorskip("pyspark")
JOB = ROOT / "Examples/spark/extract_job.py"
PAGES = sorted((ROOT / "Fixtures/career/pages").glob("*.txt"))


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    """Five archives of career pages; the last one ends inside a record."""
    folder = tmp_path_factory.mktemp("crawl")
    for index in range(4):
        write_archive(folder / f"crawl-{index}.warc.gz", True, PAGES[index::5])
    with open(folder / "crawl-4.warc", "wb") as f:
        writer = WARCWriter(f, gzip=False)
        for page in PAGES[4::5]:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri(page), "response", payload=io.BytesIO(page.read_bytes()), http_headers=http))
    cut = folder / "crawl-4.warc"
    cut.write_bytes(cut.read_bytes()[:-300])
    return folder


def job(crawl, output, *extra, pipeline=PIPELINE):
    return subprocess.run([sys.executable, str(JOB), "--extract", EXTRACT, "--pipeline", str(pipeline),
                           "--input", str(crawl), "--output", str(output), *extra],
                          capture_output=True, text=True, timeout=600, env={"SPARK_LOCAL_IP": "127.0.0.1", "PATH": "/usr/bin:/bin",
                                                                             "HOME": str(Path(output).parent)})


def job_records(output):
    # Sorted lists, not sets: a record written twice must show.
    return sorted(line for part in sorted(output.glob("part-*")) for line in part.read_text().splitlines() if line)


@pytest.fixture(scope="module")
def single_process(crawl):
    out = run("-p", PIPELINE, crawl)
    assert out.returncode == 1  # the cut-off record
    return sorted(out.stdout.decode().splitlines())


@pytest.mark.parametrize("split", ["files", "shard"])
def test_the_jobs_records_equal_a_single_process_run_and_failures_reach_stderr(tmp_path, crawl, single_process, split):
    output = tmp_path / "records"
    result = job(crawl, output, "--split", split, "--partitions", "3")
    assert result.returncode == 0, result.stderr[-3000:]
    got = job_records(output)
    assert got == single_process and len(got) == len(PAGES) - 1
    assert all(json.loads(line)["source"].startswith("https://careers.example.org/") for line in got)
    # The page cut off in the last archive is reported by the task that read it.
    assert "[warc.truncated]" in result.stderr


def test_one_archive_with_the_default_partitions_and_an_output_path_ending_in_a_slash(tmp_path, crawl):
    """Fewer archives than partitions leave no partition empty, and `--output records/` (as the
    README writes it) gets the records."""
    one = tmp_path / "one"
    one.mkdir()
    (one / "crawl-0.warc.gz").write_bytes((crawl / "crawl-0.warc.gz").read_bytes())
    want = sorted(run("-p", PIPELINE, one, check_status=0).stdout.decode().splitlines())
    output = tmp_path / "records"
    result = job(one, str(output) + "/")
    assert result.returncode == 0, result.stderr[-3000:]
    assert job_records(output) == want and want


def test_a_broken_pipeline_fails_the_job_and_writes_nothing(tmp_path, crawl):
    broken = tmp_path / "broken.yaml"
    broken.write_text("stages:\n  - stage: normalise\n")
    output = tmp_path / "records"
    result = job(crawl, output, pipeline=broken)
    assert result.returncode == 1
    assert "the job failed" in result.stderr
    assert "unknown stage 'normalise'" in result.stderr
    assert not output.exists() and not Path(str(output) + ".partial").exists()
