#!/usr/bin/python3
"""Asks kg's QueryService from Python, with stubs generated from the repository's protos.

Generates the Python messages and gRPC stubs of protos/kg/v1/{graph,store,query}.proto
into a temporary directory with grpc_tools.protoc (Debian: python3-grpc-tools), imports
them, and calls QueryService on a running kgd or kg-queryd (Debian: python3-grpcio):

  ListReports       the stored reports
  Serves PHRASE     the tasks serving the goals the phrase matches, with the goal, the
                    evidence and the sentence of the report that says so

Usage:
  /usr/bin/python3 clients/python/query_example.py [--addr HOST:PORT] [PHRASE]

The address is --addr, else $KG_ADDR, else 127.0.0.1:50051; PHRASE defaults to
长三角一体化. Exit status: 0 answered; 1 nothing matched the phrase (NOT_FOUND);
4 the server is unreachable or too slow; 5 another server error.
"""

import argparse
import os
import sys
import tempfile

import grpc
from grpc_tools import protoc

PROTO_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                          "..", "..", "protos"))
PROTOS = ["kg/v1/graph.proto", "kg/v1/store.proto", "kg/v1/query.proto"]


def generate_stubs(proto_dir, out_dir):
    """Compiles the protos into out_dir and makes them importable as kg.v1.*."""
    # protoc's own well-known types (google/protobuf/*.proto) ship inside grpc_tools.
    well_known = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    args = ["grpc_tools.protoc", "-I" + proto_dir, "--python_out=" + out_dir,
            "--grpc_python_out=" + out_dir]
    if os.path.isdir(well_known):
        args.append("-I" + well_known)
    if protoc.main(args + PROTOS) != 0:
        sys.exit(f"query_example: cannot compile the protos in {proto_dir}")
    sys.path.insert(0, out_dir)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("phrase", nargs="?", default="长三角一体化")
    parser.add_argument("--addr", default=os.environ.get("KG_ADDR") or "127.0.0.1:50051")
    parser.add_argument("--proto-dir", default=PROTO_DIR,
                        help="folder holding kg/v1/*.proto (default: the repository's)")
    parser.add_argument("--timeout", type=float, default=30, help="deadline per call, seconds")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kg-python-stubs-") as out_dir:
        generate_stubs(args.proto_dir, out_dir)
        from kg.v1 import query_pb2, query_pb2_grpc, store_pb2  # pylint: disable=import-outside-toplevel

        with grpc.insecure_channel(args.addr) as channel:
            stub = query_pb2_grpc.QueryServiceStub(channel)
            try:
                reports = stub.ListReports(store_pb2.ListReportsRequest(), timeout=args.timeout)
                print(f"reports: {len(reports.reports)}")
                for report in reports.reports:
                    print(f"  {report.id}  {report.region} {report.year}  {report.title}")

                answer = stub.Serves(query_pb2.ServesRequest(phrase=args.phrase),
                                     timeout=args.timeout)
            except grpc.RpcError as error:
                code = error.code()
                print(f"query_example: {code.name}: {error.details()}", file=sys.stderr)
                if code == grpc.StatusCode.NOT_FOUND:
                    return 1
                if code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
                    return 4
                return 5

            print(f"serves {args.phrase}: {len(answer.rows)} tasks; goals matched: "
                  + "; ".join(goal.name for goal in answer.goals))
            for row in answer.rows:
                print(f"task: {row.task.name}")
                if row.area.id:
                    print(f"  area: {row.area.name}")
                for served in row.served:
                    print(f"  goal: {served.goal.name} ({served.evidence}, "
                          f"score {served.score:.2f})")
                    if served.quote.text:
                        span = served.quote.span
                        print(f"  quote [{span.report_id} {span.begin}-{span.end}]: "
                              f"{served.quote.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
