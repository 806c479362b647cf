"""Copy the real reference data the package needs from ../shared/data into lib/jamlik/data.

Run from the project root: ``python tools/import_reference.py [SHARED_DATA_DIR]``.
It writes compact files (areas, peer groups, population context) so the package does not
carry the 1.4 MB group file or the 3.6 MB KPI catalogue at run time.
"""

import csv
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "lib" / "jamlik" / "data"

# SKR:s kommungruppsindelning 2017, as Kolada publishes it (group id -> name without suffix).
SKR_GROUPS = [f"G9278{i}" for i in range(6, 10)] + [f"G9279{i}" for i in range(5)]
PEER_PREFIX = "Liknande kommuner"


def main(shared: Path) -> None:
    groups = json.loads((shared / "kolada/municipality_groups_v3.json").read_text(encoding="utf-8"))
    skr = {}
    for group in groups:
        if group["id"] in SKR_GROUPS:
            name = group["title"].replace(" (ovägt medel)", "")
            for member in group["members"]:
                skr[member["id"]] = name

    county = {}
    with open(shared / "municipality_county.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            county[row["municipality_code"]] = row

    rows = []
    with open(shared / "kolada/municipalities_v3.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code, title = row["id"], row["title"]
            if code == "0000":
                rows.append([code, "Riket", "Riket", "riket", "", ""])
            elif row["type"] == "L":
                lan_name = next(c["county_name"] for c in county.values() if "00" + c["county_code"] == code)
                rows.append([code, lan_name, title, "lan", "", ""])
            else:
                c = county[code]
                rows.append([code, c["municipality_name_short"], c["municipality_name"], "kommun",
                             "00" + c["county_code"], skr[code]])
    with open(OUT / "areas.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["code", "name", "official_name", "kind", "lan", "skr_group"])
        w.writerows(rows)

    # "Liknande kommuner <område>, <kommun>, <år>" -> {kommun: {område: {year, members}}}
    peers: dict = {}
    names = {r[0]: r[1] for r in rows}
    name_to_code = {r[1]: r[0] for r in rows if r[3] == "kommun"}
    for group in groups:
        title = group["title"]
        if not title.startswith(PEER_PREFIX):
            continue
        parts = [p.strip() for p in title[len(PEER_PREFIX):].split(",")]
        area = parts[0] or parts[1]
        owner, year = parts[-2], parts[-1]
        area = "övergripande" if area in ("", owner) else area
        code = name_to_code.get(owner)
        if code is None:  # räddningstjänst groups also exist for regions
            continue
        peers.setdefault(code, {})[area] = {
            "group": group["id"], "year": int(year),
            "members": sorted(m["id"] for m in group["members"] if m["id"] in names and m["id"] != code),
        }
    (OUT / "peer_groups.json").write_text(
        json.dumps(peers, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")

    with open(shared / "scb_kommun_context_2022.csv", encoding="utf-8") as f_in, \
            open(OUT / "kommun_context.csv", "w", encoding="utf-8", newline="") as f_out:
        w = csv.writer(f_out)
        w.writerow(["code", "population_2021", "share_0_19", "share_post_secondary", "tax_base_per_inhabitant"])
        for row in csv.DictReader(f_in):
            w.writerow([row["kommun"], row["invanare_2021_12_31"], round(float(row["andel_0_19"]), 4),
                        round(float(row["andel_eftergymnasial_16_74"]), 4), row["skattekraft_kr_per_inv"]])
    print(f"{len(rows)} areas, {len(peers)} kommuner with peer groups, {len(skr)} in SKR groups")
    copy_test_data(shared)


def copy_test_data(shared: Path) -> None:
    """What the tests read, so a clone without ../shared passes: the KPI catalogue's rows for every
    KPI the catalog names (ids, titles, sex split), and Arboga's real N03702/N03703 values."""
    tests = ROOT / "tests" / "data" / "kolada"
    tests.mkdir(parents=True, exist_ok=True)
    wanted = set()
    with open(OUT / "indicators.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            wanted |= {row["source_id"], row["uncertainty_kpi"], *re.findall(r"[NU]\d{5}", row["denominator"]),
                       *re.findall(r"[NU]\d{5}", row["snapshot_source"])}
    columns = ["id", "title", "description", "is_divided_by_gender", "municipality_type"]
    with open(shared / "kolada/kpi_catalogue_v3.csv", encoding="utf-8") as f_in, \
            open(tests / "kpi_catalogue_subset.csv", "w", encoding="utf-8", newline="") as f_out:
        w = csv.DictWriter(f_out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(row for row in csv.DictReader(f_in) if row["id"] in wanted)
    shutil.copy(shared / "kolada/values_N03702_N03703_arboga_peers_v3.csv", tests)
    # a KPI the catalog does not choose, for a workspace's own indicator fetched by its Kolada id
    shutil.copy(shared / "kolada/values_N00945_v3.csv", tests)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
