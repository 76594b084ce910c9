"""Runs `extract` as a step of Apache Spark: a folder of WARC files in, JSON Lines records out.

    python3 extract_job.py --extract /path/to/extract --pipeline Pipelines/career.yaml \
        --input crawl/ --output careers/ [--master local[2]] [--partitions N] [--split files|shard]

--split files (the default): the archives are spread over the partitions and each task pipes its
    list of paths into `extract --paths-from -` (RDD.pipe). A task reads whole archives.
--split shard: each of N tasks reads every archive and keeps its share of the documents,
    `extract --shard i/N`: for a few archives that are larger than the tasks.

The job fails (exit status 1, no output written) when any task's extract fails as a whole (a
broken pipeline file, an unreadable input path): RDD.pipe is called with checkCode=True, whose
default would give partial output without a word. Pages that fail one by one are reported on the
tasks' stderr (with their source and reason) and do not fail the job, as in a local run
(extract's exit status 1 means "some pages failed", so it is accepted; 2 and above are not).
"""
import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path


def archives(folder):
    return sorted(str(p.resolve()) for p in Path(folder).rglob("*") if p.name.endswith((".warc", ".warc.gz")))


def run_shard(extract, pipeline, paths, count, jobs):
    """A mapPartitionsWithIndex function: runs `extract --shard i/count` over every path."""
    def task(index, _rows):
        command = [extract, "-p", pipeline, "-q", "--jobs", str(jobs), "--shard", f"{index}/{count}", *paths]
        process = subprocess.run(command, stdout=subprocess.PIPE, env={"LC_ALL": "C.UTF-8"})
        if process.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(command)} exited with status {process.returncode}")
        return process.stdout.decode("utf-8").splitlines()
    return task


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extract", required=True, help="the extract binary (shipped to the nodes with --files on a cluster)")
    parser.add_argument("--pipeline", required=True)
    parser.add_argument("--input", required=True, help="a folder of .warc / .warc.gz files")
    parser.add_argument("--output", required=True, help="a folder for the records (part-* files of JSON Lines)")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partitions", type=int, default=2)
    parser.add_argument("--split", choices=["files", "shard"], default="files")
    parser.add_argument("--jobs", type=int, default=1,
                        help="extract's workers per task (default 1: Spark runs a task per core already)")
    args = parser.parse_args(argv)

    from pyspark import SparkConf, SparkContext

    extract = str(Path(args.extract).resolve())
    pipeline = str(Path(args.pipeline).resolve())
    paths = archives(args.input)
    if not paths:
        print(f"extract_job: no .warc or .warc.gz file in {args.input}", file=sys.stderr)
        return 2
    conf = (SparkConf().setMaster(args.master).setAppName("extract")
            .set("spark.ui.enabled", "false").set("spark.driver.memory", "1g"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    # A sibling of the output (`careers/` and `careers` alike), renamed into place on success.
    output = Path(args.output)
    staging = output.with_name(output.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        if args.split == "files":
            # Exit status 1 (some pages failed, reported on stderr) must not fail the task, but
            # checkCode=True fails it on any status other than 0; a small wrapper maps 1 to 0.
            command = ["/bin/sh", "-c", f'"$0" "$@"; s=$?; [ $s -eq 1 ] && exit 0; exit $s',
                       extract, "-p", pipeline, "-q", "--jobs", str(args.jobs), "--paths-from", "-"]
            # No partition without an archive: an empty one would run extract on no path at all.
            records = sc.parallelize(paths, min(args.partitions, len(paths))).pipe(
                " ".join(_quote(part) for part in command), env={"LC_ALL": "C.UTF-8"}, checkCode=True)
        else:
            records = sc.parallelize(range(args.partitions), args.partitions).mapPartitionsWithIndex(
                run_shard(extract, pipeline, paths, args.partitions, args.jobs))
        records.saveAsTextFile(str(staging))
    except Exception as error:  # the job failed: say why, leave no output
        shutil.rmtree(staging, ignore_errors=True)
        print(f"extract_job: the job failed: {str(error).splitlines()[0] if str(error) else type(error).__name__}", file=sys.stderr)
        return 1
    finally:
        sc.stop()
    shutil.rmtree(output, ignore_errors=True)
    staging.rename(output)
    return 0


def _quote(text):
    # RDD.pipe splits its command with shlex.
    import shlex
    return shlex.quote(text)


if __name__ == "__main__":
    sys.exit(main())
