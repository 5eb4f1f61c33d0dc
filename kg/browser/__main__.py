"""``python -m kg.browser grass|serve|conf``: the Neo4j Browser style sheet and guide.

    python -m kg.browser grass [--write]     print (or rewrite kg/browser/style.grass)
    python -m kg.browser serve [--port 8001] serve style.grass + guide.html on 127.0.0.1
    python -m kg.browser conf [--url URL]    neo4j.conf lines: load both on connect
"""
from __future__ import annotations

import argparse
import sys

from kg.browser import DEFAULT_BASE_URL, DEFAULT_PORT, STYLE_PATH, conf_lines, grass_text, serve


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m kg.browser", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("grass", help="the GRASS style sheet generated from kg/data/model.yaml")
    g.add_argument("--write", action="store_true", help=f"rewrite {STYLE_PATH.name}")
    g.add_argument("--check", action="store_true",
                   help=f"exit 1 if {STYLE_PATH.name} differs from the generated text")
    s = sub.add_parser("serve", help="serve style.grass and guide.html with CORS headers")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    s.add_argument("-q", "--quiet", action="store_true", help="no request log")
    c = sub.add_parser("conf", help="neo4j.conf lines for browser.post_connect_cmd")
    c.add_argument("--url", default=DEFAULT_BASE_URL, help=f"where the files are served "
                   f"(default {DEFAULT_BASE_URL})")
    c.add_argument("--allow-host", default=None,
                   help="also allow this host (e.g. 127.0.0.1) besides guides.neo4j.com,localhost")
    c.add_argument("--docker", action="store_true",
                   help="print them as NEO4J_... environment variables for the Docker image")
    args = p.parse_args(argv)

    if args.command == "grass":
        text = grass_text()
        if args.check:
            same = STYLE_PATH.exists() and STYLE_PATH.read_text(encoding="utf-8") == text
            print(f"{STYLE_PATH}: {'up to date' if same else 'OUT OF DATE (run grass --write)'}")
            return 0 if same else 1
        if args.write:
            STYLE_PATH.write_text(text, encoding="utf-8")
            print(f"wrote {STYLE_PATH}", file=sys.stderr)
        else:
            sys.stdout.write(text)
        return 0
    if args.command == "serve":
        serve(args.host, args.port, quiet=args.quiet)
        return 0
    if args.command == "conf":
        for line in conf_lines(args.url, args.allow_host):
            if args.docker:  # neo4j image: "." -> "_", "_" -> "__", prefix NEO4J_
                key, _, value = line.partition("=")
                line = "NEO4J_" + key.replace("_", "__").replace(".", "_") + "=" + value
            print(line)
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
