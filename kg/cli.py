"""The ``kg`` command: thin click wrappers over library functions."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from .stores import DEFAULT_STORE, StoreError, is_neo4j_uri, open_store

err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


def _print_table(t: Table) -> None:
    """A table on a terminal fits its width; piped to a file or a program (no terminal, no
    COLUMNS), it keeps its natural width instead of being folded into 80 columns."""
    if out.is_terminal or os.environ.get("COLUMNS"):
        out.print(t)
        return
    wide = Console(highlight=False, file=out.file, width=100_000, color_system=None)
    wide.print(t, width=wide.measure(t).maximum)


class Ctx:
    def __init__(self, store: str, verbose: int, quiet: bool):
        self.store_target = store
        self.verbose = verbose
        self.quiet = quiet

    def open(self):
        try:
            return open_store(self.store_target)
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None


def _fail(exc: Exception) -> None:
    raise click.ClickException(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--store", envvar="KG_STORE", default=DEFAULT_STORE, show_default=True, metavar="FILE|URI",
              help="Graph file (embedded store) or a bolt:// / neo4j:// / neo4j+s:// URI. "
                   "Neo4j credentials come from NEO4J_USERNAME / NEO4J_PASSWORD (NEO4J_DATABASE).")
@click.option("-v", "--verbose", count=True, help="Say more (warnings per file).")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the essential result.")
@click.version_option(package_name="privacy-kg")
@click.pass_context
def cli(ctx, store, verbose, quiet):
    """Privacy-incident knowledge graph from Chinese news.

    \b
    Examples:
      kg ingest samples/                      # into kg-data/graph.json
      kg query vendor-clients 悠络客
      kg explore 悠络客 -o vendor.html
      kg --store bolt://127.0.0.1:7687 ingest samples/
    """
    ctx.obj = Ctx(store, verbose, quiet)


# --- ingest -------------------------------------------------------------------------------
@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-j", "--jobs", type=int, default=None, help="Extraction processes (default: all cores).")
@click.option("--include", multiple=True, metavar="GLOB", help="Only files matching (repeatable).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching (repeatable).")
@click.option("--max-bytes", type=int, default=20_000_000, show_default=True,
              help="Refuse files larger than this.")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(dir_okay=False),
              envvar="KG_GAZETTEER", help="Your own entities and aliases (YAML, see README). Repeatable.")
@click.option("--force", is_flag=True, help="Re-extract articles even when unchanged.")
@click.pass_obj
def ingest(obj: Ctx, paths, jobs, include, exclude, max_bytes, gazetteers, force):
    """Read articles (files, folders, globs, '-' for JSON Lines on stdin) into the graph.

    Unchanged articles are skipped, changed ones replace their earlier facts.
    Exit status 1 when any input could not be read; the others are stored anyway.

    \b
    Examples:
      kg ingest samples/
      kg ingest ../shared/corpus/articles --exclude 'neg-*'
      cat feed.jsonl | kg ingest -
    """
    from .gazetteer import GazetteerError
    from .ingest import ingest as run_ingest

    if isinstance(gazetteers, str):
        gazetteers = tuple(p for p in gazetteers.split(os.pathsep) if p)
    store = obj.open()
    show_bar = not obj.quiet and err.is_terminal
    try:
        if show_bar:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
            with Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          TextColumn("{task.description}"), console=err, transient=True) as bar:
                task = bar.add_task("", total=None)
                report = run_ingest(paths, store, jobs=jobs, include=list(include) or None,
                                    exclude=list(exclude) or None, max_bytes=max_bytes,
                                    gazetteer_files=tuple(gazetteers), stdin=sys.stdin, force=force,
                                    progress=lambda n, p: bar.update(task, advance=n,
                                                                     description=_short(p)))
        else:
            report = run_ingest(paths, store, jobs=jobs, include=list(include) or None,
                                exclude=list(exclude) or None, max_bytes=max_bytes,
                                gazetteer_files=tuple(gazetteers), stdin=sys.stdin, force=force)
        labels, types = store.counts()
    except (StoreError, GazetteerError) as exc:
        _fail(exc)
    finally:
        store.close()
    _print_ingest(obj, report, labels, types, store)
    if report.failed:
        sys.exit(1)


def _short(p: str, n: int = 40) -> str:
    return p if len(p) <= n else "…" + p[-(n - 1):]


def _print_ingest(obj: Ctx, report, labels, types, store) -> None:
    for path, reason in report.failed:
        err.print(f"[red]failed[/red] {path}: {reason}", markup=True, soft_wrap=True)
    if obj.verbose:
        for path, w in report.warnings:
            err.print(f"[yellow]warning[/yellow] {path}: {w}", soft_wrap=True)
    if obj.quiet:
        return
    out.print(f"[bold]Read {report.read} article(s)[/bold] in {report.seconds:.1f} s: "
              f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged (skipped), "
              f"{report.duplicates} duplicate(s) skipped, [{'red' if report.failed else 'green'}]"
              f"{len(report.failed)} failed[/]", soft_wrap=True)
    if report.warnings and not obj.verbose:
        out.print(f"{len(report.warnings)} warning(s); add -v to see them.")
    t = Table(title="Graph", show_header=True, header_style="bold")
    t.add_column("nodes by label")
    t.add_column("count", justify="right")
    t.add_column("relationships by type")
    t.add_column("count", justify="right")
    lrows = sorted(labels.items(), key=lambda x: -x[1])
    trows = sorted(types.items(), key=lambda x: -x[1])
    for i in range(max(len(lrows), len(trows))):
        a = lrows[i] if i < len(lrows) else ("", "")
        b = trows[i] if i < len(trows) else ("", "")
        t.add_row(a[0], str(a[1]), b[0], str(b[1]))
    _print_table(t)
    out.print(f"Graph saved to [bold]{store.describe()}[/bold]")
    vendor = _top_vendor(store)
    out.print("Try next:")
    if vendor:
        out.print(f"  kg query vendor-clients {vendor}")
        out.print(f"  kg explore {vendor} -o vendor.html")
    out.print("  kg query penalties")
    out.print("  kg stats")


def _top_vendor(store) -> str | None:
    """The vendor with most clients, for the "try next" hint."""
    from .queries import run_named
    try:
        if getattr(store, "kind", "") != "offline":
            rows = run_named(store, "top-vendors", {"limit": 1})
            return rows[0]["vendor"] if rows else None
        counts: dict[str, int] = {}  # offline: count SUPPLIED edges, no full query over a big graph
        for u, _, k in store.g.edges(keys=True):
            if k == "SUPPLIED":
                counts[u] = counts.get(u, 0) + 1
        if not counts:
            return None
        best = min(counts, key=lambda n: (-counts[n], store.g.nodes[n]["props"].get("name") or n))
        return store.g.nodes[best]["props"].get("name")
    except Exception:
        return None


# --- export -------------------------------------------------------------------------------
@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "graphml", "cypher"]), default="json",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="-", show_default=True,
              help="File to write ('-' for standard output).")
@click.pass_obj
def export(obj: Ctx, fmt, output):
    """Write the whole graph: JSON (the export contract), GraphML or a Cypher script.

    \b
    Examples:
      kg export -o graph.json
      kg --store bolt://127.0.0.1:7687 export --format json -o neo4j.json
      kg export --format graphml -o graph.graphml
    """
    from .exporters import write_export

    store = obj.open()
    try:
        data = store.export()
    except StoreError as exc:
        _fail(exc)
    finally:
        store.close()
    try:
        write_export(data, fmt, output)
    except OSError as exc:
        _fail(OSError(f"cannot write {output}: {exc.strerror or exc}"))
    if output != "-" and not obj.quiet:
        err.print(f"Wrote {len(data['nodes'])} nodes and {len(data['relationships'])} relationships "
                  f"to {output}")


# --- stats ---------------------------------------------------------------------------------
@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def stats(obj: Ctx, as_json):
    """Counts by label and type, top vendors, top authorities by fines, articles by month.

    \b
    Example:
      kg stats
    """
    from .queries import stats as compute

    store = obj.open()
    try:
        data = compute(store)
    except StoreError as exc:
        _fail(exc)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for title, rows in data.items():
        if not rows:
            continue
        t = Table(title=title, header_style="bold")
        for col in rows[0]:
            t.add_column(col)
        for r in rows:
            t.add_row(*[_cell(v) for v in r.values()])
        _print_table(t)


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int) and abs(v) >= 10000:
        return f"{v:,}"
    if isinstance(v, (list, tuple)):
        return "; ".join(_cell(x) for x in v)
    return str(v)


# --- query -------------------------------------------------------------------------------
@cli.command(context_settings={"ignore_unknown_options": False})
@click.argument("name", required=False)
@click.argument("args", nargs=-1)
@click.option("--authority", help="penalties: only this authority (name or alias).")
@click.option("--year", type=int, help="penalties: only this year.")
@click.option("--limit", type=int, default=None, help="At most this many rows.")
@click.option("--hops", type=int, default=4, show_default=True, help="path: longest path searched.")
@click.option("--cypher", help="Ad-hoc Cypher (Neo4j; a subset on the offline store).")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="Cypher parameter (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON rows.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries.")
@click.pass_obj
def query(obj: Ctx, name, args, authority, year, limit, hops, cypher, params, as_json, as_csv, list_queries):
    """Run a named query, or ad-hoc Cypher with --cypher.

    \b
    Named queries:
      vendor-clients NAME        clients of a vendor and the penalties they received
      penalties                  penalties (--authority A, --year Y) with totals
      company NAME               everything known about one company, with evidence
      top-vendors                vendors by number of clients
      path A B                   shortest path between two entities
      timeline                   penalties and articles by month
    \b
    Examples:
      kg query vendor-clients 悠洛客
      kg query penalties --year 2021 --csv
      kg query path 悠络客 徐汇区市场监督管理局
      kg query --cypher "MATCH (c:Company) RETURN c.name AS name LIMIT 5"
      kg --store bolt://127.0.0.1:7687 query --cypher "MATCH (p:Penalty) WHERE p.amount_cny > \\$min RETURN p.amount_cny" --param min=50000
    """
    from .queries import NAMED, QueryError, run_cypher, run_named

    if list_queries or (not name and not cypher):
        for qname, q in NAMED.items():
            click.echo(f"{qname:<16} {q.help}")
        return
    store = obj.open()
    try:
        if cypher:
            rows = run_cypher(store, cypher, _parse_params(params))
        else:
            if name not in NAMED:
                raise click.UsageError(f"no named query {name!r}; try: {', '.join(NAMED)}")
            q = NAMED[name]
            if len(args) != len(q.args):
                raise click.UsageError(f"{name} takes {len(q.args)} argument(s): "
                                       f"{' '.join(a.upper() for a in q.args) or '(none)'}")
            p = dict(zip(q.args, args))
            p.update({"authority": authority, "year": year, "limit": limit, "hops": hops})
            rows = run_named(store, name, p)
    except (QueryError, StoreError) as exc:
        _fail(exc)
    finally:
        store.close()
    _print_rows(rows, as_json, as_csv)


def _parse_params(params) -> dict:
    out_p = {}
    for p in params:
        if "=" not in p:
            raise click.UsageError(f"--param needs KEY=VALUE, got {p!r}")
        k, v = p.split("=", 1)
        try:
            out_p[k] = json.loads(v)
        except ValueError:
            out_p[k] = v
    return out_p


def _print_rows(rows: list[dict], as_json: bool, as_csv: bool) -> None:
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if as_csv:
        import csv
        w = csv.writer(sys.stdout)
        if rows:
            w.writerow(rows[0].keys())
        for r in rows:
            w.writerow([_cell(v) for v in r.values()])
        return
    if not rows:
        out.print("(no rows)")
        return
    t = Table(header_style="bold", show_lines=False)
    for col in rows[0]:
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(*[_cell(v) for v in r.values()])
    _print_table(t)
    out.print(f"{len(rows)} row(s)")


# --- explore -------------------------------------------------------------------------------
@cli.command()
@click.argument("name")
@click.option("--hops", type=int, default=2, show_default=True, help="Neighbourhood radius.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="HTML file to write (default: explore-NAME.html).")
@click.option("--max-nodes", type=int, default=600, show_default=True, help="Cut the page at this many nodes.")
@click.pass_obj
def explore(obj: Ctx, name, hops, output, max_nodes):
    """Write a self-contained HTML page of the graph around a vendor or company.

    \b
    Examples:
      kg explore 悠络客
      kg explore 上海小鹏汽车销售服务有限公司 --hops 3 -o xpeng.html
    """
    from .explore import render_explore_html
    from .queries import QueryError, find_node, neighbourhood

    store = obj.open()
    try:
        center = find_node(store, name)
        sub = neighbourhood(store, center["id"], hops=hops, max_nodes=max_nodes)
    except (QueryError, StoreError) as exc:
        _fail(exc)
    finally:
        store.close()
    html = render_explore_html(sub, center=center["id"], title=center.get("name") or name, hops=hops)
    output = output or f"explore-{_safe_filename(center.get('name') or name)}.html"
    try:
        Path(output).write_text(html, encoding="utf-8")
    except OSError as exc:
        _fail(OSError(f"cannot write {output}: {exc.strerror or exc}"))
    if not obj.quiet:
        out.print(f"Wrote [bold]{output}[/bold]: {len(sub['nodes'])} nodes, "
                  f"{len(sub['relationships'])} relationships around {center.get('name')}. "
                  f"Open it in a browser (no network needed).")


def _safe_filename(s: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in s)[:60] or "graph"


# --- schema ---------------------------------------------------------------------------------
@cli.group()
def schema():
    """Neo4j schema: constraints and indexes from schema.cypher.

    \b
    Examples:
      kg schema show
      kg --store bolt://127.0.0.1:7687 schema apply
    """


@schema.command("apply")
@click.pass_obj
def schema_apply(obj: Ctx):
    """Apply schema.cypher to the Neo4j store (idempotent).

    \b
    Example:
      kg --store bolt://127.0.0.1:7687 schema apply
    """
    if not is_neo4j_uri(obj.store_target):
        raise click.UsageError("schema apply needs a Neo4j --store URI (bolt://…, neo4j://…)")
    store = obj.open()
    try:
        n = store.apply_schema()
    except StoreError as exc:
        _fail(exc)
    finally:
        store.close()
    out.print(f"Schema applied: {n} statement(s) from schema.cypher")


@schema.command("show")
def schema_show():
    """Print schema.cypher.

    \b
    Example:
      kg schema show
    """
    from .schema import schema_text
    click.echo(schema_text())


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
