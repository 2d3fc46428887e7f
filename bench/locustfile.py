"""Locust users of the load test (bench/locust_bench.py starts locust on this file; never imported by
the portal or the suite). Every user is the provincial official of the loaded province, signed in once
by the driver (its session id comes in BENCH_LOCUST_CONFIG), and mixes what an official does all day:
the review queue, dossier pages, and the dossiers and talents API lists."""

import json
import os
import random

from locust import HttpUser, between, task

CONFIG = json.loads(open(os.environ["BENCH_LOCUST_CONFIG"], encoding="utf-8").read())  # noqa: SIM115


class ProvincialOfficial(HttpUser):
    # A person reads the answer before the next click: 0.5–2 s between requests.
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        self.client.cookies.set("sessionid", CONFIG["session"])
        self.rng = random.Random()  # noqa: S311 — picks pages, not secrets

    @task(3)
    def review_queue(self) -> None:
        page = self.rng.choice(("", "?page=2", "?page=3"))
        self.client.get(CONFIG["paths"]["review_queue"] + page, name="review queue page")

    @task(3)
    def dossier_page(self) -> None:
        dossier = self.rng.choice(CONFIG["dossiers"])
        self.client.get(CONFIG["paths"]["dossier_detail"].format(id=dossier), name="dossier detail page")

    @task(2)
    def dossiers_api(self) -> None:
        self.client.get(CONFIG["paths"]["dossiers_api"], name="GET /api/v1/dossiers/")

    @task(1)
    def dossier_api(self) -> None:
        dossier = self.rng.choice(CONFIG["dossiers"])
        self.client.get(CONFIG["paths"]["dossier_api"].format(id=dossier), name="GET /api/v1/dossiers/{id}/")

    @task(1)
    def talents_api(self) -> None:
        self.client.get(CONFIG["paths"]["talents_api"], name="GET /api/v1/talents/")
