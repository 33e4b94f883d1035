"""Builds the page's country outlines: world-atlas TopoJSON (Natural Earth) -> one compact GeoJSON file.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_outlines.py package/countries-110m.json

writes ``src/dateline/web/static/vendor/world/countries.geojson``: one feature per country with ``name`` (Natural
Earth's), ``iso_numeric`` (world-atlas's id, ISO 3166-1 numeric) and ``iso3`` (from ``data/countries.tsv``, when
the numeric code is there). The 1:110m outlines (177 kB as GeoJSON) keep the page's first load light;
``countries-50m.json`` gives finer ones (1.5 MB). Coordinates are rounded to ``--digits`` decimals (2: about
1 km, finer than the outlines themselves) and consecutive repeats are dropped; the output is deterministic.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "dateline" / "web" / "static" / "vendor" / "world" / "countries.geojson"
COUNTRIES = ROOT / "src" / "dateline" / "data" / "countries.tsv"


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The arcs as absolute coordinates (quantized topologies store deltas and a transform)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]], digits: int) -> list[list[float]]:
    """One closed ring from arc indexes (a negative index ~i is arc i reversed); shared end points once."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc[1:] if points else arc)
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, digits), round(y, digits)]
        if not out or out[-1] != p:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def geometry(geom: dict[str, Any], arcs: list[list[tuple[float, float]]], digits: int) -> dict[str, Any] | None:
    def polygon(rings: list[list[int]]) -> list[list[list[float]]]:
        return [r for r in (ring(x, arcs, digits) for x in rings) if len(r) >= 4]

    if geom["type"] == "Polygon":
        poly = polygon(geom["arcs"])
        return {"type": "Polygon", "coordinates": poly} if poly else None
    if geom["type"] == "MultiPolygon":
        polys = [p for p in (polygon(x) for x in geom["arcs"]) if p]
        return {"type": "MultiPolygon", "coordinates": polys} if polys else None
    return None


def iso3_by_numeric() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in COUNTRIES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("iso3\t"):
            continue
        cells = line.split("\t")
        if len(cells) > 2 and cells[2]:
            out[cells[2].zfill(3)] = cells[0]
    return out


def build(topology: dict[str, Any], digits: int) -> dict[str, Any]:
    arcs = decode_arcs(topology)
    iso3 = iso3_by_numeric()
    features = []
    for geom in topology["objects"]["countries"]["geometries"]:
        shape = geometry(geom, arcs, digits)
        if shape is None:
            continue
        numeric = geom.get("id")
        props = {"name": (geom.get("properties") or {}).get("name"), "iso_numeric": numeric,
                 "iso3": iso3.get(numeric) if numeric else None}
        features.append({"type": "Feature", "properties": props, "geometry": shape})
    features.sort(key=lambda f: (f["properties"]["name"] or "", f["properties"]["iso_numeric"] or ""))
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-110m.json (or -50m)")
    parser.add_argument("--digits", type=int, default=2)
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    collection = build(json.loads(args.topojson.read_text(encoding="utf-8")), args.digits)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(collection['features'])} countries, {args.output.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
