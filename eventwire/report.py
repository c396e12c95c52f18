"""Text a person reads at the end of a run: the summary table."""

from __future__ import annotations


def summary_table(summary) -> str:
    """The end-of-run table: articles read, stored, skipped, rejected; mentions; incidents by kind."""
    rows = [
        ("articles read", summary.articles_read),
        ("  new, stored", summary.articles_new),
        ("  already stored, skipped", summary.articles_skipped),
        ("inputs rejected", len(summary.rejected)),
        ("mentions found", summary.mentions),
        ("mentions fused", summary.fused),
        ("  stored ones re-fused beside them", summary.refused),
        *([("  large incidents left whole", summary.incidents_left)] if summary.incidents_left else []),
        ("incidents in database", summary.incidents),
        ("  current events", summary.events),
        ("  background (history)", summary.background),
        ("  statements", summary.statements),
        ("seconds", f"{summary.seconds:.1f}"),
        _memory_row(summary),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)


def _memory_row(summary) -> tuple[str, str]:
    """Peak memory of this process, and of the largest worker when the run used a pool or Ray."""
    if summary.worker_peak_rss_mb:
        return "peak memory, MB (main / largest worker)", f"{summary.peak_rss_mb:.0f} / {summary.worker_peak_rss_mb:.0f}"
    return "peak memory, MB", f"{summary.peak_rss_mb:.0f}"


def incident_lines(records, limit: int | None = None) -> str:
    """One readable line per exported incident: date, kind, type, place, actors, figures, sources."""
    lines = []
    for number, record in enumerate(records):
        if limit is not None and number >= limit:
            lines.append("... (more: use --limit or export)")
            break
        loc = record["location"]
        place = ", ".join(p for p in (loc["name"], loc["country"]) if p) or "?"
        kind = record["plover_type"] if record["is_statement"] else (record["acled_sub_event_type"] or record["plover_type"])
        actors = " -> ".join("; ".join(side) or "?" for side in (record["actor1"], record["actor2"]))
        lines.append(
            f"{record['date'] or '????-??-??'} [{record['date_precision'] or '-'}] "
            f"{'BACKGROUND ' if record['kind'] == 'background' else ''}{kind} | {place} | {actors}"
            f"{_figures(record)} | {record['independent_sources']} source(s)"
            f"{' | disputed: ' + ', '.join(d['field'] for d in record['disagreements']) if record['disagreements'] else ''}")
    return "\n".join(lines)


def _figures(record) -> str:
    parts = []
    for name in ("fatalities", "injuries"):
        value = record[name]
        if value["best"] is not None or value["low"] is not None:
            low, high = value["low"], value["high"]
            shown = str(low) if low == high else f"{low}-{high if high is not None else '?'}"
            parts.append(f"{name[:6]} {shown}")
    return (" | " + ", ".join(parts)) if parts else ""
