#!/usr/bin/python3
"""A generic gRPC client that knows nothing of kg: lists a server's services through
server reflection and asks the standard health service about each.

Only Debian's python3-grpcio and python3-grpc-tools and the grpc-proto package's
reflection and health protos (/usr/share/grpc-proto) are used: this is what any
operator's tooling sees of a kg daemon.

Usage:
  /usr/bin/python3 clients/python/reflection_example.py [--addr HOST:PORT]
                   [--describe SERVICE]

Prints one line per service, "service NAME STATUS" (STATUS from grpc.health.v1 Check, "-"
for services the health service does not watch);
with --describe, also the methods of SERVICE found in the file descriptor the server
sends. Exit status: 0 listed; 4 the server is unreachable; 5 another error.
"""

import argparse
import os
import sys
import tempfile

import grpc
from grpc_tools import protoc

GRPC_PROTO_DIR = "/usr/share/grpc-proto"
PROTOS = ["grpc/reflection/v1alpha/reflection.proto", "grpc/health/v1/health.proto"]


def generate_stubs(out_dir):
    """Compiles the protos into out_dir as the Python package std_grpc: their own path
    (grpc/...) would clash with the grpc module. The proto packages, and so the method
    names on the wire, stay grpc.reflection.v1alpha and grpc.health.v1."""
    source_dir = os.path.join(out_dir, "src")
    for proto in PROTOS:
        target = os.path.join(source_dir, "std_" + proto)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(os.path.join(GRPC_PROTO_DIR, proto), "rb") as src, open(target, "wb") as dst:
            dst.write(src.read())
    well_known = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    args = ["grpc_tools.protoc", "-I" + source_dir, "-I" + well_known,
            "--python_out=" + out_dir, "--grpc_python_out=" + out_dir]
    args += ["std_" + proto for proto in PROTOS]
    if protoc.main(args) != 0:
        raise RuntimeError("protoc failed on " + " ".join(PROTOS))
    sys.path.insert(0, out_dir)


def health_status(health, health_pb2, name):
    """The health service's status of `name`; services it does not watch (reflection,
    health itself) are NOT_FOUND there, printed as "-"."""
    try:
        reply = health.Check(health_pb2.HealthCheckRequest(service=name), timeout=5)
    except grpc.RpcError as error:
        if error.code() == grpc.StatusCode.NOT_FOUND:
            return "-"
        raise
    return health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addr", default=os.environ.get("KG_ADDR", "127.0.0.1:50051"))
    parser.add_argument("--describe", help="list the methods of this service")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as out_dir:
        generate_stubs(out_dir)
        from google.protobuf import descriptor_pb2
        from std_grpc.health.v1 import health_pb2, health_pb2_grpc
        from std_grpc.reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

        channel = grpc.insecure_channel(args.addr)
        reflection = reflection_pb2_grpc.ServerReflectionStub(channel)
        health = health_pb2_grpc.HealthStub(channel)
        try:
            # Reflection is a bidirectional stream: one request, one response each.
            requests = [reflection_pb2.ServerReflectionRequest(list_services="")]
            if args.describe:
                requests.append(reflection_pb2.ServerReflectionRequest(
                    file_containing_symbol=args.describe))
            responses = list(reflection.ServerReflectionInfo(iter(requests), timeout=10))
            for service in responses[0].list_services_response.service:
                print("service", service.name, health_status(health, health_pb2, service.name))
            if args.describe:
                files = responses[1].file_descriptor_response.file_descriptor_proto
                package_and_name = args.describe.rsplit(".", 1)
                for raw in files:
                    proto = descriptor_pb2.FileDescriptorProto.FromString(raw)
                    if proto.package != package_and_name[0]:
                        continue
                    for service in proto.service:
                        if service.name != package_and_name[-1]:
                            continue
                        for method in service.method:
                            print("method", method.name, method.input_type, method.output_type)
        except grpc.RpcError as error:
            unreachable = error.code() in (grpc.StatusCode.UNAVAILABLE,
                                           grpc.StatusCode.DEADLINE_EXCEEDED)
            print("error:", error.code().name, error.details(), file=sys.stderr)
            return 4 if unreachable else 5
    return 0


if __name__ == "__main__":
    sys.exit(main())
