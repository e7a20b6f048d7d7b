"""A kustomization rendered the way `kubectl apply -k` would, for the features ours uses.

Any other kustomize feature fails loudly, so the deploy check can never pass by ignoring one.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

SUPPORTED = {"apiVersion", "kind", "labels", "resources", "images"}


class UnsupportedKustomization(Exception):
    """The kustomization uses something this renderer does not implement."""


def render(folder: Path) -> list[dict[str, Any]]:
    """Every resource of the kustomization in `folder`, with its labels and images applied."""
    kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text(encoding="utf-8"))
    unknown = set(kustomization) - SUPPORTED
    if unknown:
        raise UnsupportedKustomization(f"not rendered here: {sorted(unknown)}")
    resources = []
    for name in kustomization.get("resources", []):
        text = (folder / name).read_text(encoding="utf-8")
        resources += [doc for doc in yaml.safe_load_all(text) if doc]
    for labels in kustomization.get("labels", []):
        resources = [_labelled(r, labels) for r in resources]
    images = {image["name"]: image for image in kustomization.get("images", [])}
    return [_with_images(r, images) for r in resources]


def _labelled(resource: dict[str, Any], labels: dict[str, Any]) -> dict[str, Any]:
    if set(labels) - {"pairs", "includeSelectors", "includeTemplates"}:
        raise UnsupportedKustomization(f"label options {sorted(labels)}")
    if labels.get("includeSelectors") or labels.get("includeTemplates"):
        raise UnsupportedKustomization("labels on selectors or templates")
    out = copy.deepcopy(resource)
    out.setdefault("metadata", {}).setdefault("labels", {}).update(labels["pairs"])
    return out


def _with_images(resource: dict[str, Any], images: dict[str, dict[str, Any]]) -> dict[str, Any]:
    out = copy.deepcopy(resource)
    pod = out.get("spec", {}).get("template", {}).get("spec", {})
    for container in [*pod.get("containers", []), *pod.get("initContainers", [])]:
        name, _, tag = container["image"].partition(":")
        image = images.get(name)
        if image is not None:
            new_tag = str(image.get("newTag", tag))
            container["image"] = image.get("newName", name) + (f":{new_tag}" if new_tag else "")
    return out
