"""Large list exports at national scale: the registry list of N talents written to xlsx by the export
task's service (exports.services.export_build), per role, with the time and the process's peak memory.

Run through ./scripts/bench exports (it prepares the database talentportal_bench, shared with the
registry bench; --skip-load reuses its talents). Prints figures; asserts nothing.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentportal.settings.test")

import django  # noqa: E402

django.setup()

from accounts.models import Region, Role  # noqa: E402
from bench.registry import bench_user, load  # noqa: E402
from exports.models import Export  # noqa: E402
from exports.services import export_build  # noqa: E402
from talents.models import Talent  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """This process's CPU time: on a shared machine the figure that holds, where the wall time is the load's."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(roles: set[str]) -> None:
    users = [  # smallest scope first, so the process's peak memory grows with the export's size
        ("city official", bench_user("bench_gz", Role.CITY_OFFICIAL, region=Region.objects.get(code="440100"))),
        (
            "provincial official",
            bench_user("bench_gd", Role.PROVINCIAL_OFFICIAL, region=Region.objects.get(code="440000")),
        ),
        (
            "national official",
            bench_user("bench_ministry", Role.NATIONAL_OFFICIAL, region=Region.objects.get(code="000000")),
        ),
    ]
    print(f"\n{'role':<20} {'rows':>10} {'seconds':>8} {'CPU s':>7} {'rows/s':>9} {'file MB':>8} {'peak RSS MB':>12}")
    for role, user in users:
        if role.split()[0] not in roles:
            continue
        export = Export.objects.create(requested_by=user, list_name="talents.registry", language="zh-hans")
        started, cpu_started = time.perf_counter(), cpu_seconds()
        export = export_build(export_id=export.pk)
        elapsed, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
        size = export.file.size / 1e6 if export.file else 0
        print(
            f"{role:<20} {export.rows:>10,} {elapsed:8.1f} {cpu:7.1f} {export.rows / elapsed:9,.0f} {size:8.1f} "
            f"{peak_rss_mb():12.0f}  {export.status} {export.error[:60]}"
        )
        export.file.delete(save=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--talents", type=int, default=1_000_000)
    parser.add_argument("--skip-load", action="store_true", help="reuse the talents already loaded")
    parser.add_argument("--roles", default="city,provincial,national", help="whose export to time")
    args = parser.parse_args()
    if not args.skip_load:
        load(args.talents)
    print(f"talents in the database: {Talent.objects.count():,}")
    measure(set(args.roles.split(",")))


if __name__ == "__main__":
    main()
