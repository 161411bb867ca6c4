"""`handoff mcp` driven by the official MCP Python SDK (`mcp` from PyPI), as an assistant's
client drives it: the server is started over stdio on a library seeded from the starter
templates, its tools are listed and each one is called, and what comes back is checked
against what the library holds.

Run by `cargo xtask test` (which installs the SDK into target/mcp-venv) after the workspace
build:

    target/mcp-venv/bin/python tests/mcp/client.py target/debug/handoff

Both ways a client connects are exercised: the initialize handshake (protocol 2025-11-25,
what Claude Desktop and Cursor speak) and the SDK's default, which probes for the newer
stateless protocol and falls back. Every check runs; the last line says how many passed.
"""

import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import traceback

from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.shared.exceptions import MCPError

# Expense approval (weekly, last reviewed 2026-09-07) and the proposal (2026-09-14) are past
# their quarterly review on this day; nothing else is.
TODAY = "2026-12-20"
OVERDUE = ["Expense approval", "Proposal with partner approval"]
READ_TOOLS = [
    "agent_runbook",
    "library_gaps",
    "list_findings",
    "list_processes",
    "list_seats",
    "read_sop",
    "seat_handout",
]


def seeded_library(handoff, folder):
    """A new library in `folder`, seeded with the templates as the app seeds one."""
    run = subprocess.run(
        [handoff, "library", "list"],
        env={**os.environ, "HANDOFF_DATA_DIR": folder},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    path = os.path.join(folder, "library.handoff-db")
    assert os.path.exists(path), f"no library at {path}"
    return path


def connect(handoff, library, *extra, mode="legacy"):
    params = StdioServerParameters(
        command=handoff, args=["mcp", "--db", library, "--date", TODAY, *extra]
    )
    return Client(params, mode=mode)


def text(result):
    return "\n".join(c.text for c in result.content if getattr(c, "type", "") == "text")


async def call(client, tool, arguments=None):
    """The tool's text, which must not be an error."""
    result = await client.call_tool(tool, arguments or {})
    assert not result.is_error, f"{tool} {arguments}: {text(result)}"
    return text(result)


async def refused(client, tool, arguments):
    """The message of a call the server must refuse as a tool error."""
    result = await client.call_tool(tool, arguments)
    assert result.is_error, f"{tool} {arguments} was not refused: {text(result)[:200]}"
    return text(result)


async def tools_are_read_only_without_allow_writes(handoff, library):
    for mode in ["legacy", "auto"]:
        async with connect(handoff, library, mode=mode) as client:
            tools = (await client.list_tools()).tools
            assert sorted(t.name for t in tools) == READ_TOOLS, [t.name for t in tools]
            for t in tools:
                assert t.annotations and t.annotations.read_only_hint, t.name
                assert t.description, t.name
            # The writing tool is not there to call either, and the library is unchanged.
            try:
                result = await client.call_tool("mark_reviewed", {"process": "Expense approval"})
                assert result.is_error, "mark_reviewed ran without --allow-writes"
            except MCPError as e:
                assert "not found" in str(e), e
            overdue = json.loads(await call(client, "list_processes", {"review": "overdue"}))
            assert [p["name"] for p in overdue] == OVERDUE, overdue


async def list_processes_filters(handoff, library):
    async with connect(handoff, library) as client:
        every = json.loads(await call(client, "list_processes"))
        assert len(every) >= 13, len(every)
        finance = json.loads(await call(client, "list_processes", {"function": "finance"}))
        assert finance and all(p["function"] == "finance" for p in finance), finance
        assert "Order to cash" in [p["name"] for p in finance]
        owned = json.loads(await call(client, "list_processes", {"owner": "Bookkeeper"}))
        assert sorted(p["name"] for p in owned) == [
            "Expense approval",
            "Monthly invoicing and receivables follow-up",
        ], owned
        overdue = json.loads(await call(client, "list_processes", {"review": "overdue"}))
        assert [p["name"] for p in overdue] == OVERDUE
        assert all(p["review"]["status"] == "overdue" for p in overdue)
        to_be = json.loads(await call(client, "list_processes", {"state": "to-be"}))
        assert to_be and all(p["state"] == "to-be" for p in to_be), to_be
        message = await refused(client, "list_processes", {"review": "late"})
        assert "overdue, upcoming, due, never-reviewed, current" in message, message


async def read_sop_numbers_the_steps(handoff, library):
    async with connect(handoff, library) as client:
        sop = await call(client, "read_sop", {"process": "order to cash"})
        assert sop.startswith("# Standard operating procedure: Order to cash\n"), sop[:200]
        assert "- **Owner:** Operations lead" in sop
        headings = re.findall(r"^### Step (\d+): (.*)$", sop, re.M)
        assert [int(n) for n, _ in headings] == list(range(1, len(headings) + 1)), headings
        assert ("1", "Enter and confirm the order") in headings
        assert ("2", "Decide: Within credit limit?") in headings
        assert ("10", "Review the customer's credit") in headings
        assert (
            "If over limit, hand over sales order on credit hold to Bookkeeper, then go to step 10."
            in sop
        )
        assert "| 10 | Review the customer's credit |" in sop, "the RACI table"
        assert "## Open findings\n\nThe map passes every check." in sop
        flawed = await call(client, "read_sop", {"process": "proc-employee-onboarding-as-is"})
        assert "| error | ownerless-step |" in flawed, flawed[-1500:]
        message = await refused(client, "read_sop", {"process": "Payroll"})
        assert 'no process "Payroll"' in message and "Order to cash" in message, message


async def list_seats_says_what_each_holds(handoff, library):
    async with connect(handoff, library) as client:
        seats = json.loads(await call(client, "list_seats"))
        bookkeeper = next(s for s in seats if s["name"] == "Bookkeeper")
        assert bookkeeper["kind"] == "person"
        assert sorted(bookkeeper["owns"]) == [
            "Expense approval",
            "Monthly invoicing and receivables follow-up",
        ]
        o2c = next(p for p in bookkeeper["processes"] if p["process"] == "Order to cash")
        assert (o2c["steps"], o2c["decisions"], o2c["accountable"]) == (3, 1, 6), o2c
        agents = json.loads(await call(client, "list_seats", {"kind": "agent"}))
        assert agents and all(s["kind"] == "agent" for s in agents)
        triage = next(s for s in agents if s["name"] == "Ticket triage agent")
        assert [p["process"] for p in triage["processes"]] == ["Support ticket routing"]
        assert triage["owns"] == []


async def gaps_and_findings(handoff, library):
    async with connect(handoff, library) as client:
        gaps = json.loads(await call(client, "library_gaps"))
        owning_none = [s["name"] for s in gaps["seatsOwningNoProcess"]]
        assert "Sales rep" in owning_none and "Bookkeeper" not in owning_none, owning_none
        assert gaps["processesWithoutOwner"] == []
        assert [r["name"] for r in gaps["overdueForReview"]] == OVERDUE

        ownerless = json.loads(await call(client, "list_findings", {"code": "ownerless-step"}))
        assert [f["process"] for f in ownerless] == ["Employee onboarding (as-is)"], ownerless
        assert ownerless[0]["severity"] == "error" and ownerless[0]["hint"]
        reviews = json.loads(await call(client, "list_findings", {"code": "review-"}))
        assert sorted(f["process"] for f in reviews) == OVERDUE, reviews
        errors = json.loads(
            await call(
                client,
                "list_findings",
                {"severity": "error", "process": "Employee onboarding (as-is)"},
            )
        )
        assert {f["code"] for f in errors} == {"ownerless-step", "dead-end"}, errors
        agents = json.loads(await call(client, "list_findings", {"code": "agent-"}))
        assert all(f["code"].startswith("agent-") for f in agents), agents
        message = await refused(client, "list_findings", {"code": "spelling"})
        assert "agent-no-escalation" in message, message


async def handouts_and_runbooks(handoff, library):
    async with connect(handoff, library) as client:
        handout = await call(client, "seat_handout", {"seat": "bookkeeper"})
        assert handout.startswith("# Onboarding handout: Bookkeeper\n"), handout[:200]
        assert "\n## Order to cash\n" in handout
        assert "#### Step 8: Reconcile and close the order" in handout

        runbook = await call(client, "agent_runbook", {"seat": "Ticket triage agent"})
        assert runbook.startswith("# Runbook: Ticket triage agent\n"), runbook[:200]
        assert "## Support ticket routing" in runbook
        assert "### Escalate to a person" in runbook and "Support lead" in runbook
        as_json = json.loads(
            await call(client, "agent_runbook", {"seat": "Ticket triage agent", "format": "json"})
        )
        assert as_json["schema"] == "handoff.runbook/1"
        assert as_json["processes"][0]["name"] == "Support ticket routing"
        numbers = [s["number"] for s in as_json["processes"][0]["steps"]]
        assert all(f"{n}. **" in runbook for n in numbers), numbers

        message = await refused(client, "agent_runbook", {"seat": "Bookkeeper"})
        assert "person seat" in message, message
        message = await refused(client, "seat_handout", {"seat": "Astronaut"})
        assert 'no seat "Astronaut"' in message, message


async def allow_writes_offers_mark_reviewed(handoff, library):
    async with connect(handoff, library, "--allow-writes") as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        assert sorted(tools) == sorted(READ_TOOLS + ["mark_reviewed"]), sorted(tools)
        assert tools["mark_reviewed"].annotations.read_only_hint is False
        done = json.loads(await call(client, "mark_reviewed", {"process": "Expense approval"}))
        assert done["reviewedOn"] == TODAY and done["nextDue"] == "2027-03-20", done
        overdue = json.loads(await call(client, "list_processes", {"review": "overdue"}))
        assert [p["name"] for p in overdue] == OVERDUE[1:], overdue
        message = await refused(client, "mark_reviewed", {"process": "Payroll"})
        assert 'no process "Payroll"' in message


async def stdout_carries_nothing_but_the_protocol(handoff, library):
    lines = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": {"name": "raw", "version": "1"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
        {"jsonrpc": "2.0", "id": 3, "method": "tools/call",
         "params": {"name": "read_sop", "arguments": {"process": 42}}},
    ]
    run = subprocess.run(
        [handoff, "mcp", "--db", library, "--date", TODAY],
        input="".join(json.dumps(m) + "\n" for m in lines),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    replies = [json.loads(line) for line in run.stdout.splitlines()]
    assert all(r.get("jsonrpc") == "2.0" for r in replies), run.stdout
    assert sorted(r["id"] for r in replies) == [1, 2, 3], replies
    bad = next(r for r in replies if r["id"] == 3)
    assert bad["result"]["isError"] is True, bad
    assert "handoff mcp: serving" in run.stderr, run.stderr

    missing = subprocess.run(
        [handoff, "mcp", "--db", library + ".missing"],
        input="",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert missing.returncode == 2 and missing.stdout == "", (missing.returncode, missing.stdout)
    assert "library.handoff-db.missing" in missing.stderr, missing.stderr
    assert not os.path.exists(library + ".missing"), "a missing library is not created"


CHECKS = [
    tools_are_read_only_without_allow_writes,
    list_processes_filters,
    read_sop_numbers_the_steps,
    list_seats_says_what_each_holds,
    gaps_and_findings,
    handouts_and_runbooks,
    # Writes last: it changes the library the checks above read.
    allow_writes_offers_mark_reviewed,
    stdout_carries_nothing_but_the_protocol,
]


def main():
    handoff = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/debug/handoff")
    if not os.path.exists(handoff):
        print(f"no handoff binary at {handoff}: build it first (cargo build -p handoff-cli)")
        return 2
    passed = failed = 0
    with tempfile.TemporaryDirectory() as folder:
        library = seeded_library(handoff, folder)
        for check in CHECKS:
            try:
                asyncio.run(check(handoff, library))
                passed += 1
                print(f"ok   {check.__name__}")
            except Exception:  # noqa: BLE001 - every check reports, one failure does not stop the rest
                failed += 1
                print(f"FAIL {check.__name__}")
                traceback.print_exc()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
