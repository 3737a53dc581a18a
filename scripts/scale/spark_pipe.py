#!/usr/bin/env python3
"""Run `loupe stream` over a JSONL corpus with Apache Spark's RDD.pipe.

    python3 scripts/scale/spark_pipe.py --loupe /abs/path/to/loupe corpus.jsonl out/
    cat out/part-* > results.jsonl        # the part files in partition order

Spark reads the corpus with textFile, which cuts it at byte offsets but never
inside a line: each partition holds whole lines, in file order. pipe() starts one
`loupe stream --jobs 1` per partition, feeds it the partition's lines and takes
its output lines, in order. saveAsTextFile writes partition i to part-0000i, so
the part files concatenated in name order are the output of one
`loupe stream` over the whole corpus, byte for byte when SOURCE_DATE_EPOCH is
set (scripts/scale/check-spark checks exactly that).

pipe() runs the command with exactly the environment it is given: this script
passes SOURCE_DATE_EPOCH (from its own environment, else the time the job
starts, so that all partitions share one `created` time) and, from the driver,
PATH, HOME and the locale. Name loupe by an absolute path that exists on every
worker.

Without --master (or spark-submit's), Spark runs in local mode, local[2]. Needs
pyspark (pip install pyspark) and Java 17 or newer.
"""
import argparse
import os
import shlex
import sys
import tempfile
import time

PASSED_ON = ("PATH", "HOME", "LANG", "LC_ALL")

# Spark's own logging: errors only, on standard error. The gateway's logger sets
# the level of a pyspark driver (else Spark says it sets WARN).
LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = stderr
appender.stderr.type = Console
appender.stderr.name = stderr
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
logger.gateway.name = org.apache.spark.api.python.PythonGatewayServer
logger.gateway.level = error
"""


def loupe_command(loupe, jobs, analyzers):
    words = shlex.split(loupe)
    if not words:
        sys.exit("spark_pipe: --loupe is blank")
    if os.sep in words[0]:
        words[0] = os.path.abspath(words[0])
    words += ["stream", "--jobs", str(jobs)]
    if analyzers:
        words += ["--analyzers", analyzers]
    return shlex.join(words)


def summary(error):
    """The line of a Spark error that says what went wrong."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    for line in lines:
        if "[PIPE_FUNCTION_EXITED]" in line:
            return line.split("] ", 1)[-1]
    return lines[0] if lines else type(error).__name__


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="JSONL corpus: a path or a Hadoop URI")
    parser.add_argument("output", help="output folder (must not exist)")
    parser.add_argument("--loupe", default=os.environ.get("LOUPE", "loupe"),
                        help="the loupe command (default: $LOUPE, else loupe)")
    parser.add_argument("--partitions", type=int, default=8,
                        help="minimum number of partitions, one loupe process each (default 8)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="--jobs for each loupe process (default 1)")
    parser.add_argument("--analyzers", help="--analyzers LIST for loupe stream")
    parser.add_argument("--master", help="Spark master (default: spark-submit's, else local[2])")
    args = parser.parse_args()

    from pyspark import SparkConf, SparkContext

    log_config = tempfile.NamedTemporaryFile("w", prefix="loupe-spark-log4j2-", suffix=".properties")
    log_config.write(LOG4J2)
    log_config.flush()
    conf = SparkConf().setAppName("loupe-stream")
    if args.master:
        conf.setMaster(args.master)
    conf.setIfMissing("spark.master", "local[2]")
    conf.setIfMissing("spark.ui.showConsoleProgress", "false")
    conf.setIfMissing("spark.driver.extraJavaOptions",
                      f"-Dlog4j2.configurationFile=file:{log_config.name}")
    if conf.get("spark.master").startswith("local"):
        # One machine: no web UI, the loopback address only, and Python workers
        # from this same interpreter (the one that has pyspark).
        conf.set("spark.ui.enabled", "false")
        conf.set("spark.driver.host", "127.0.0.1")
        conf.set("spark.driver.bindAddress", "127.0.0.1")
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    command = loupe_command(args.loupe, args.jobs, args.analyzers)
    env = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    env["SOURCE_DATE_EPOCH"] = os.environ.get("SOURCE_DATE_EPOCH") or str(int(time.time()))

    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        lines = sc.textFile(args.input, minPartitions=args.partitions)
        # checkCode: a loupe that exits non-zero (a bad input line) fails the job.
        results = lines.pipe(command, env=env, checkCode=True)
        results.saveAsTextFile(args.output)
        partitions = lines.getNumPartitions()
    except Exception as error:  # Py4J and PySpark errors; the Spark log above has the details
        sys.exit(f"spark_pipe: the Spark job failed: {summary(error)}")
    finally:
        sc.stop()
        log_config.close()
    print(f"spark_pipe: {partitions} partitions written to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
