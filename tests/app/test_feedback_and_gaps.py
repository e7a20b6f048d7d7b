"""Helpful? votes on every answer, the "not helpful" modal, the gap report (CLI, App Home)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from bot.runtime.redis_store import RedisStore
from bot.slack import ids
from bot.slack.reply_rules import AutoReplyRules
from tests.app.conftest import MakeHarness
from tests.app.fake_slack import BOT_USER_ID
from tests.app.harness import USER, Harness, message
from tests.conftest import ROOT
from tests.support.redis_server import RedisServer


def _feedback_ids(body: dict[str, Any]) -> list[str]:
    return [
        element["action_id"]
        for block in body.get("blocks", [])
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"].startswith("ikeerr_feedback")
    ]


def test_every_answer_asks_whether_it_helped(slack: Harness) -> None:
    slack.command("13801")
    assert _feedback_ids(slack.fake.wait_for("response/cmd")[0].body) == [
        "ikeerr_feedback_yes:13801",
        "ikeerr_feedback_no:13801",
    ]
    slack.event(message(f"<@{BOT_USER_ID}> 13806") | {"type": "app_mention"})
    slack.event(message("vpn error 13868"))
    slack.event(message("809", channel="D0DIRECT1", channel_type="im"))
    posted = slack.fake.wait_for("chat.postMessage", 3)
    assert all(len(_feedback_ids(call.body)) == 2 for call in posted)


def test_votes_are_counted_and_no_asks_what_was_wrong(slack: Harness) -> None:
    slack.click("ikeerr_feedback_yes:13801", "13801")
    assert "Thanks" in slack.fake.wait_for("chat.postEphemeral")[0].body["text"]
    slack.click("ikeerr_feedback_no:13801", "13801")
    (opened,) = slack.fake.wait_for("views.open")
    view = opened.view
    assert view["callback_id"] == ids.VIEW_FEEDBACK
    metrics = slack.metrics.registry.get_sample_value
    assert metrics("ikeerr_feedback_total", {"code": "13801", "vote": "yes"}) == 1.0
    assert metrics("ikeerr_feedback_total", {"code": "13801", "vote": "no"}) == 1.0
    said = {ids.FEEDBACK_INPUT: {ids.FEEDBACK_INPUT: {"type": "plain_text_input", "value": "x"}}}
    submitted = {"id": "V0FEED", "type": "modal", "callback_id": ids.VIEW_FEEDBACK}
    submitted["private_metadata"] = view["private_metadata"]
    answer = slack.interact(
        {"type": "view_submission", "view": submitted | {"state": {"values": said}}}
    )
    assert answer.status == 200


def _gaps_cli(url: str) -> dict[str, Any]:
    env = {**os.environ, "REDIS_URL": url, "IKEERR_CACHE_DIR": "off"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "gaps", "--json", "--days", "3"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def test_misses_and_comments_reach_the_gap_report(
    make_harness: MakeHarness, redis_server: RedisServer
) -> None:
    slack = make_harness(store=RedisStore(redis_server.url))
    for query in ("flibbertigibbet quux <!here>", "flibbertigibbet quux <!here>", "13999"):
        slack.command(query, response=query[:4])
        slack.fake.wait_for(f"response/{query[:4]}")
    slack.click("ikeerr_feedback_no:13801", "13801")
    view = slack.fake.wait_for("views.open")[0].view
    said = {ids.FEEDBACK_INPUT: {ids.FEEDBACK_INPUT: {"value": "nothing about  our F5"}}}
    submitted = {"id": "V0FEED", "type": "modal", "callback_id": ids.VIEW_FEEDBACK}
    submitted["private_metadata"] = view["private_metadata"]
    slack.interact({"type": "view_submission", "view": submitted | {"state": {"values": said}}})
    slack.idle()
    report = _gaps_cli(redis_server.url)
    gaps = {(g["kind"], g["text"]): g["count"] for g in report["gaps"]}
    assert gaps[("nothing_found", "flibbertigibbet quux <!here>")] == 2
    assert gaps[("not_covered", "13999")] == 1
    assert gaps[("not_helpful", "13801 ERROR_IPSEC_IKE_AUTH_FAIL")] == 1
    assert report["gaps"][0]["count"] == 2, "most frequent first"
    assert [(c["code"], c["text"]) for c in report["comments"]] == [(13801, "nothing about our F5")]
    assert USER not in json.dumps(report), "no user IDs are kept"


def test_admins_see_the_gaps_in_app_home_and_others_do_not(make_harness: MakeHarness) -> None:
    slack = make_harness(rules=AutoReplyRules(admins=frozenset({"U0ADMIN01"})))
    slack.command("flibbertigibbet <!channel>")
    slack.fake.wait_for("response/cmd")
    for user in ("U0ADMIN01", "U0OTHER01"):
        slack.event({"type": "app_home_opened", "user": user, "tab": "home"})
    published = slack.fake.wait_for("views.publish", 2)
    by_user = {call.body["user_id"]: json.dumps(call.view) for call in published}
    assert "flibbertigibbet" in by_user["U0ADMIN01"] and "Gaps of the last" in by_user["U0ADMIN01"]
    assert "&lt;!channel&gt;" in by_user["U0ADMIN01"], "recorded text is escaped when shown"
    assert "flibbertigibbet" not in by_user["U0OTHER01"]
