"""OpenAPI links between the API's operations: what a department's system does next with an
answer (ask for an export, follow its status, download it; verify a Member ID, then read the
member and its family; turn the pages of the change feed). They document the flows in the
served schema and drive schemathesis' stateful tests (tests/api/test_schemathesis_stateful.py).

A link names its target by operationId, which ninja derives from the module and the function:
here the target is named by method and path, and its operationId is looked up when the schema
is built, so that a rename cannot leave a link pointing nowhere (an unknown target fails the
schema's build, and so every test of the API)."""

from typing import Any

PURPOSE = "$request.query.purpose"

# (method, path without the /api/v1 prefix, status) of the answer ->
#     name -> (target method, target path, parameters, description)
LINKS: dict[tuple[str, str, int], dict[str, tuple[str, str, dict[str, str], str]]] = {
    ("post", "/exports", 202): {
        "ExportStatus": (
            "get",
            "/exports/{export_id}",
            {"export_id": "$response.body#/id"},
            "Follow the export's status and progress.",
        ),
        "ExportFile": (
            "get",
            "/exports/{export_id}/file",
            {"export_id": "$response.body#/id"},
            "Download the export once its status is done.",
        ),
    },
    ("get", "/exports/{export_id}", 200): {
        "ExportFile": (
            "get",
            "/exports/{export_id}/file",
            {"export_id": "$response.body#/id"},
            "Download the export (when its status is done).",
        ),
    },
    ("get", "/exports", 200): {
        "NextPage": (
            "get",
            "/exports",
            {"cursor": "$response.body#/next_cursor"},
            "The next page of the client's exports.",
        ),
    },
    ("get", "/changes", 200): {
        "NextPage": (
            "get",
            "/changes",
            {"cursor": "$response.body#/next_cursor", "purpose": PURPOSE},
            "The changes since this page (ask again later at the end).",
        ),
    },
    ("get", "/members/{member_id}/status", 200): {
        "Member": (
            "get",
            "/members/{member_id}",
            {"member_id": "$response.body#/member_id", "purpose": PURPOSE},
            "Read the member verified.",
        ),
        "FamilyStatus": (
            "get",
            "/families/{family_id}/status",
            {"family_id": "$response.body#/family_id", "purpose": PURPOSE},
            "Verify the member's family.",
        ),
    },
    ("get", "/families/{family_id}/status", 200): {
        "Family": (
            "get",
            "/families/{family_id}",
            {"family_id": "$response.body#/family_id", "purpose": PURPOSE},
            "Read the family verified.",
        ),
    },
    ("get", "/members/{member_id}", 200): {
        "Family": (
            "get",
            "/families/{family_id}",
            {"family_id": "$response.body#/family_id", "purpose": PURPOSE},
            "Read the member's family.",
        ),
    },
    ("post", "/members/lookup-by-aadhaar", 200): {
        "MemberStatus": (
            "get",
            "/members/{member_id}/status",
            {"member_id": "$response.body#/member_id", "purpose": "$request.body#/purpose"},
            "Verify the Member ID found.",
        ),
    },
}


def add_links(schema: dict[str, Any]) -> None:
    """Write LINKS into the responses of ``schema`` (served under any prefix: the token's
    path shows it)."""
    paths = schema["paths"]
    prefix = next(p for p in paths if p.endswith("/token"))[: -len("/token")]

    def operation(method: str, path: str) -> dict[str, Any]:
        found: dict[str, Any] = paths[prefix + path][method]
        return found

    for (method, path, status), links in LINKS.items():
        response = operation(method, path)["responses"][status]
        response["links"] = {
            name: {
                "operationId": operation(to_method, to_path)["operationId"],
                "parameters": parameters,
                "description": description,
            }
            for name, (to_method, to_path, parameters, description) in links.items()
        }
