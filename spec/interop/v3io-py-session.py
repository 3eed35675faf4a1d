"""A session of everyday v3io-py calls against a V3IO web API (spec/interop/v3io-py.spec.ts).

Usage: v3io-py-session.py <folder> <results.json>, with V3IO_API, V3IO_ACCESS_KEY, V3IO_CONTAINER
and UNKNOWN_ACCESS_KEY set. Every call is made in <folder> of the container. What each step
observed is written to <results.json> as {step: {"value": ...} | {"error": ..., "status": ...}}:
the spec judges the values; this script only drives the SDK and never asserts. (The SDK's logger
writes to stdout, so the results go to a file.)
"""
import datetime
import json
import os
import sys

import v3io.dataplane

FOLDER, RESULTS = sys.argv[1], sys.argv[2]
CONTAINER = os.environ["V3IO_CONTAINER"]
UNKNOWN_KEY = os.environ["UNKNOWN_ACCESS_KEY"]
NEVER = v3io.dataplane.RaiseForStatus.never

OBJECT = FOLDER + "/objects/greeting.txt"
TABLE = FOLDER + "/people"
STREAM = FOLDER + "/events"
WHEN = datetime.datetime(2024, 5, 1, 10, 30, 15, 250000, tzinfo=datetime.timezone.utc)

results = {}


def step(name):
    """Runs the function now and records what it returned, or the error it raised."""

    def run(function):
        try:
            results[name] = {"value": function()}
        except Exception as error:  # noqa: BLE001 - every failure is a result to report
            results[name] = {"error": "{}: {}".format(type(error).__name__, error), "status": getattr(error, "status_code", None)}
        return function

    return run


def typed(value):
    """A JSON-friendly view of an attribute value that keeps its Python type visible."""
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, (bytes, bytearray)):
        return {"bytes": list(value)}
    return {type(value).__name__: value}


def listing_names(path, **kwargs):
    output = client.container.list(CONTAINER, path, **kwargs).output
    return {"contents": [c.key for c in output.contents], "prefixes": [p.prefix for p in output.common_prefixes]}


client = v3io.dataplane.Client(logger_verbosity="WARNING")
try:
    # --- objects
    @step("object put then get")
    def _():
        client.object.put(CONTAINER, OBJECT, body="hello from v3io-py")
        return client.object.get(CONTAINER, OBJECT).body.decode("utf-8")

    @step("object get with offset and length")
    def _():
        return client.object.get(CONTAINER, OBJECT, offset=6, num_bytes=4).body.decode("utf-8")

    @step("object get with offset only")
    def _():
        return client.object.get(CONTAINER, OBJECT, offset=11).body.decode("utf-8")

    @step("object head")
    def _():
        return dict(client.object.head(CONTAINER, OBJECT).headers).get("Content-Length")

    @step("object append")
    def _():
        client.object.put(CONTAINER, OBJECT, body=", again", append=True)
        return client.object.get(CONTAINER, OBJECT).body.decode("utf-8")

    @step("directory put and list")
    def _():
        client.object.put(CONTAINER, FOLDER + "/objects/empty-dir/")
        client.object.put(CONTAINER, FOLDER + "/objects/second.txt", body="2")
        return listing_names(FOLDER + "/objects")

    @step("list a page at a time")
    def _():
        names, marker = [], None
        for _page in range(10):
            output = client.container.list(CONTAINER, FOLDER + "/objects/", limit=1, marker=marker).output
            names += [c.key for c in output.contents] + [p.prefix for p in output.common_prefixes]
            if output.is_truncated != "true":
                break
            marker = output.next_marker
        return names

    @step("list a missing directory")
    def _():
        response = client.container.list(CONTAINER, FOLDER + "/no-such-dir", raise_for_status=NEVER)
        return [response.status_code, json.loads(response.body)]

    @step("object delete")
    def _():
        client.object.delete(CONTAINER, OBJECT)
        return client.object.get(CONTAINER, OBJECT, raise_for_status=NEVER).status_code

    # --- KV
    @step("kv put then get, every type")
    def _():
        attributes = {"age": 30, "ratio": 0.5, "city": "Paris", "active": True, "raw": b"\x00\x01\xff", "scores": [1, 2, 3], "when": WHEN}
        client.kv.put(CONTAINER, TABLE, "alice", attributes)
        item = client.kv.get(CONTAINER, TABLE, "alice").output.item
        return {name: typed(value) for name, value in item.items()}

    @step("kv update with attributes merges")
    def _():
        client.kv.update(CONTAINER, TABLE, "alice", attributes={"city": "Lyon", "pets": 2})
        item = client.kv.get(CONTAINER, TABLE, "alice", attribute_names=["age", "city", "pets", "__size"]).output.item
        return item

    @step("kv update with an expression")
    def _():
        client.kv.update(CONTAINER, TABLE, "alice", expression="age = age + 1")
        return client.kv.get(CONTAINER, TABLE, "alice", attribute_names=["age"]).output.item

    @step("kv scan with a filter")
    def _():
        client.kv.put(CONTAINER, TABLE, "bob", {"age": 17, "city": "Oslo"})
        client.kv.put(CONTAINER, TABLE, "carol", {"age": 44, "city": "Rome"})
        items = client.kv.new_cursor(CONTAINER, TABLE, attribute_names=["__name", "age"], filter_expression="age > 20").all()
        return sorted(item["__name"] for item in items)

    @step("kv cursor pages with a limit")
    def _():
        for index in range(12):
            client.kv.put(CONTAINER, TABLE, "many-{:02}".format(index), {"index": index})
        return len(client.kv.new_cursor(CONTAINER, TABLE, limit=7).all())

    @step("kv parallel scan")
    def _():
        names = []
        for segment in range(3):
            cursor = client.kv.new_cursor(CONTAINER, TABLE, attribute_names=["__name"], segment=segment, total_segments=3)
            names += [item["__name"] for item in cursor.all()]
        return sorted(names)

    @step("kv delete")
    def _():
        client.kv.delete(CONTAINER, TABLE, "bob")
        return client.kv.get(CONTAINER, TABLE, "bob", raise_for_status=NEVER).status_code

    # --- streams
    @step("stream create then describe")
    def _():
        client.stream.create(CONTAINER, STREAM, shard_count=2, retention_period_hours=1)
        output = client.stream.describe(CONTAINER, STREAM).output
        return [output.shard_count, output.retention_period_hours]

    @step("stream put records")
    def _():
        records = [
            {"shard_id": 0, "data": "first"},
            {"shard_id": 0, "data": "second", "client_info": b"info"},
            {"shard_id": 1, "data": "elsewhere"},
            {"shard_id": 5, "data": "no such shard"},
        ]
        output = client.stream.put_records(CONTAINER, STREAM, records).output
        return [output.failed_record_count, [[r.shard_id, r.error_code is None] for r in output.records]]

    @step("stream seek then get records")
    def _():
        location = client.stream.seek(CONTAINER, STREAM, 0, "EARLIEST").output.location
        output = client.stream.get_records(CONTAINER, STREAM, 0, location).output
        return [[r.data.decode("utf-8"), r.client_info.decode("utf-8") if r.client_info else None] for r in output.records]

    @step("stream update then describe")
    def _():
        client.stream.update(CONTAINER, STREAM, shard_count=3)
        return client.stream.describe(CONTAINER, STREAM).output.shard_count

    @step("stream delete")
    def _():
        client.stream.delete(CONTAINER, STREAM)
        return client.stream.describe(CONTAINER, STREAM, raise_for_status=NEVER).status_code

    # --- an unknown access key: the SDK must see the authentication error
    unknown = v3io.dataplane.Client(access_key=UNKNOWN_KEY, logger_verbosity="WARNING")
    try:

        @step("unknown key: object get raises")
        def _():
            unknown.object.get(CONTAINER, FOLDER + "/objects/second.txt")
            return "no error"

        @step("unknown key: kv put raises")
        def _():
            unknown.kv.put(CONTAINER, TABLE, "intruder", {"x": 1})
            return "no error"

        @step("unknown key: container list answer")
        def _():
            response = unknown.container.list(CONTAINER, FOLDER, raise_for_status=NEVER)
            return [response.status_code, dict(response.headers).get("WWW-Authenticate"), json.loads(response.body)]

        @step("unknown key: stream create raises")
        def _():
            unknown.stream.create(CONTAINER, FOLDER + "/intruder-stream", shard_count=1)
            return "no error"
    finally:
        unknown.close()

    @step("unknown key per request, valid client")
    def _():
        response = client.object.get(CONTAINER, FOLDER + "/objects/second.txt", access_key=UNKNOWN_KEY, raise_for_status=NEVER)
        return response.status_code

    @step("the unknown key wrote nothing")
    def _():
        item = client.kv.get(CONTAINER, TABLE, "intruder", raise_for_status=NEVER).status_code
        stream = client.stream.describe(CONTAINER, FOLDER + "/intruder-stream", raise_for_status=NEVER).status_code
        return [item, stream]
finally:
    client.close()
    with open(RESULTS, "w") as out:
        json.dump(results, out, indent=1, sort_keys=True)
