"""The deploy files pass their linters: hadolint, and Kubernetes schemas in strict mode.

The tools come from the `deploy` extra (`.ci/run` installs it); without them these tests skip,
except in CI, where they must run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support.kustomize import render

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
# The oldest Kubernetes minor the manifests promise to run on, and the newest the schemas know.
OLDEST = "1.29.0"


def _required(found: object, what: str) -> None:
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing in CI: install the project's 'deploy' extra")
        pytest.skip(f"{what} is not installed (pip install '.[deploy]')")


@pytest.fixture(scope="module")
def kubernetes_validate() -> ModuleType:
    try:
        import kubernetes_validate as module
    except ImportError:
        module = None
    _required(module, "kubernetes-validate")
    assert module is not None
    return module


@pytest.fixture(scope="module")
def rendered() -> list[dict[str, Any]]:
    return render(DEPLOY / "kubernetes")


def test_the_dockerfile_passes_hadolint() -> None:
    hadolint = shutil.which("hadolint")
    _required(hadolint, "hadolint")
    assert hadolint is not None
    done = subprocess.run(
        [hadolint, "--no-color", str(DEPLOY / "Dockerfile")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("version", [OLDEST, "latest"])
def test_the_kustomization_validates_strictly(
    kubernetes_validate: ModuleType, rendered: list[dict[str, Any]], version: str
) -> None:
    target = kubernetes_validate.latest_version() if version == "latest" else version
    for resource in rendered:
        kubernetes_validate.validate(resource, target, strict=True)


def test_the_image_is_set_in_one_place(rendered: list[dict[str, Any]]) -> None:
    (deployment,) = [
        r for r in rendered if r["kind"] == "Deployment" and r["metadata"]["name"] == "ikeerr"
    ]
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    assert container["image"].startswith("registry.example.com/ikeerr:")


def test_pods_meet_the_restricted_pod_security_level(rendered: list[dict[str, Any]]) -> None:
    for resource in rendered:
        pod = resource.get("spec", {}).get("template", {}).get("spec")
        if pod is None:
            continue
        name = resource["metadata"]["name"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault", name
        for container in pod["containers"]:
            context = container["securityContext"]
            assert context["allowPrivilegeEscalation"] is False, name
            assert context["capabilities"]["drop"] == ["ALL"], name


def test_an_autoscaled_deployment_sets_no_replica_count(rendered: list[dict[str, Any]]) -> None:
    scaled = {
        r["spec"]["scaleTargetRef"]["name"]
        for r in rendered
        if r["kind"] == "HorizontalPodAutoscaler"
    }
    assert scaled
    for resource in rendered:
        if resource["kind"] == "Deployment" and resource["metadata"]["name"] in scaled:
            assert "replicas" not in resource["spec"], resource["metadata"]["name"]


def test_the_shipped_config_and_overlay_examples_are_valid(
    rendered: list[dict[str, Any]], tmp_path: Path
) -> None:
    """What a deployment mounts as IKEERR_CONFIG and IKEERR_OVERLAY loads without a problem."""
    from bot.knowledge import load_knowledge
    from bot.slack.reply_rules import load_rules

    maps = {doc["metadata"]["name"]: doc["data"] for doc in rendered if doc["kind"] == "ConfigMap"}
    config = tmp_path / "config.yaml"
    config.write_text(maps["ikeerr-config"]["config.yaml"], encoding="utf-8")
    load_rules(config)
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    for name, text in maps["ikeerr-overlay"].items():
        (overlay / name).write_text(text, encoding="utf-8")
    assert load_knowledge(overlay=overlay).by_code[809].team is not None
    env = {
        item["name"]: item.get("value")
        for doc in rendered
        if doc["kind"] == "Deployment" and doc["metadata"]["name"] == "ikeerr"
        for item in doc["spec"]["template"]["spec"]["containers"][0]["env"]
    }
    assert env["IKEERR_OVERLAY"] == "/etc/ikeerr-overlay"
