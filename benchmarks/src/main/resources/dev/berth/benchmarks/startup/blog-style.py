#!/usr/bin/env python3
"""A peer for the start-up benchmark, as the blog post's script works: docker-py lists the running
containers with the labels, Jinja2 renders an nginx upstream of their addresses on the network, the
file is written; then (without --once) it does the same on every container event, until killed.

   blog-style.py --label K=V [--label K=V ...] --network NET --port PORT (--output FILE | --once)
"""
import argparse
import os
import sys

import docker
import jinja2

TEMPLATE = jinja2.Template("upstream web {\n{% for a in addresses %}    server {{ a }}:{{ port }};\n{% endfor %}}\n")


def render(client, args):
    running = client.containers.list(filters={"label": args.label})
    addresses = [c.attrs["NetworkSettings"]["Networks"][args.network]["IPAddress"] for c in running]
    return TEMPLATE.render(addresses=sorted(addresses), port=args.port)


def write(text, output):
    with open(output + ".tmp", "w") as f:
        f.write(text)
    os.replace(output + ".tmp", output)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", action="append", required=True)
    parser.add_argument("--network", required=True)
    parser.add_argument("--port", required=True)
    parser.add_argument("--output")
    parser.add_argument("--once", action="store_true")
    args = parser.parse_args()
    client = docker.from_env()
    if args.once:
        sys.stdout.write(render(client, args))
        return
    events = client.events(decode=True, filters={"type": "container", "label": args.label})
    write(render(client, args), args.output)
    for _ in events:
        write(render(client, args), args.output)


if __name__ == "__main__":
    main()
