"""Slack identifiers: the command, callback IDs and action IDs the app and its manifest share."""

from __future__ import annotations

import re

COMMAND = "/ikeerr"
# Message shortcut "Explain IPsec errors" (deploy/slack-app-manifest.yaml uses the same ID).
SHORTCUT_EXPLAIN = "ikeerr_explain_message"
# The modal the shortcut opens, and the modals that buttons push on top of it.
VIEW_EXPLAIN = "ikeerr_explain_view"
VIEW_DETAIL = "ikeerr_detail_view"

# Button families. A message can carry the same family for several codes, and Slack wants
# action IDs unique within a message, so each button's action_id is "<family>:<code>"; the
# button's value carries the code.
ACTION_DIAGNOSE = "ikeerr_diagnose"
ACTION_FIX = "ikeerr_fix"
ACTION_SHARE = "ikeerr_share"
ACTION_SHOW = "ikeerr_show"
ACTION_SEARCH = "ikeerr_search"
# "Helpful?" on every answer: yes, or no (which opens the modal asking what was wrong).
ACTION_FEEDBACK_YES = "ikeerr_feedback_yes"
ACTION_FEEDBACK_NO = "ikeerr_feedback_no"
VIEW_FEEDBACK = "ikeerr_feedback_view"
FEEDBACK_INPUT = "ikeerr_feedback_text"
# A team overlay's link (a runbook): it opens the page; the click needs only an ack.
ACTION_LINK = "ikeerr_link"

BUTTON_ACTIONS = (ACTION_DIAGNOSE, ACTION_FIX, ACTION_SHARE, ACTION_SHOW)


def action_id(family: str, code: int, slot: str = "") -> str:
    """The action_id of one button: its family, its code, and a slot when a view shows the
    same button twice (the Home tab's list and a search result)."""
    return f"{family}:{code}:{slot}" if slot else f"{family}:{code}"


def action_pattern(family: str) -> re.Pattern[str]:
    """Matches every action_id of a family (what Bolt listens on)."""
    return re.compile(rf"^{re.escape(family)}(?::\d+(?::\w+)?)?$")


def family_of(action: str) -> str:
    return action.partition(":")[0]
