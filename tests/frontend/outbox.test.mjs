// The offline outbox's states (assets/tandem/outbox-core.js) with a fake storage, network and lock; run by
// tests/frontend/test_outbox.py with the pinned Node (no browser).
import assert from "node:assert/strict";
import { test } from "node:test";

import { FAILED, NetworkError, SessionError, WAITING, createOutbox, graphqlSender }
  from "../../assets/tandem/outbox-core.js";

// What IndexedDB keeps: structured clones, surviving a "reload" (a new outbox over the same storage).
function memoryStorage() {
  const rows = new Map();
  return {
    rows,
    async get(key) { return rows.has(key) ? structuredClone(rows.get(key)) : undefined; },
    async set(key, value) { rows.set(key, structuredClone(value)); },
    async del(key) { rows.delete(key); },
    async values() { return [...rows.values()].map((v) => structuredClone(v)); },
  };
}

// The server: idempotent on clientRequestId, like submitSupportRequest; `down` makes every call fail.
function fakeServer() {
  const server = { down: false, requests: new Map(), photos: [], refuse: null, calls: 0, loseNextAnswer: false };
  server.send = {
    async submit(token, input) {
      server.calls += 1;
      if (server.down) throw new NetworkError("offline");
      if (token !== "token-f") throw new SessionError("sign in first");
      if (server.refuse) return { error: server.refuse };
      const created = !server.requests.has(input.clientRequestId);
      if (created) server.requests.set(input.clientRequestId, { id: `R${server.requests.size + 1}`, input });
      if (server.loseNextAnswer) {  // stored, but the answer never reaches the phone
        server.loseNextAnswer = false;
        throw new NetworkError("connection reset");
      }
      return { requestId: server.requests.get(input.clientRequestId).id, created };
    },
    async attach(token, requestId, photo) {
      if (server.down) throw new NetworkError("offline");
      server.photos.push({ requestId, name: photo.name });
      return { attachmentId: `A${server.photos.length}` };
    },
  };
  return server;
}

function serialLock() {
  let tail = Promise.resolve();
  return (work) => {
    const run = tail.then(work);
    tail = run.catch(() => {});
    return run;
  };
}

const INPUT = { regionCode: "R-EAST", departmentCode: "TECH", category: "FAULT_REPAIR", priority: "URGENT",
                title: "光节点掉线", description: "城东 3 号光节点掉线", customerReportedAt: "2026-11-28T09:00:00+08:00" };

function outbox(storage, server, extra = {}) {
  const sent = [];
  const box = createOutbox({ storage, send: server.send, lock: serialLock(), onSent: (d) => sent.push(d), ...extra });
  return { box, sent };
}

test("offline, a submission waits on the device; online, it is sent once and leaves the outbox", async () => {
  const storage = memoryStorage();
  const server = fakeServer();
  const { box, sent } = outbox(storage, server);
  server.down = true;

  await box.enqueue({ clientRequestId: "id-1", employeeId: "E1", input: INPUT });
  await box.flush("E1", "token-f");

  const [waiting] = await box.items();
  assert.equal(waiting.status, WAITING);
  assert.equal(waiting.attempts, 1);
  assert.equal(server.requests.size, 0);

  server.down = false;
  await box.flush("E1", "token-f");

  assert.equal(server.requests.size, 1);
  assert.deepEqual(await box.items(), []);
  assert.deepEqual(sent.map((d) => [d.requestId, d.created, d.title]), [["R1", true, "光节点掉线"]]);
});

test("tapping submit twice offline is one submission, not two requests", async () => {
  const storage = memoryStorage();
  const server = fakeServer();
  const { box } = outbox(storage, server);
  server.down = true;

  await box.enqueue({ clientRequestId: "id-1", employeeId: "E1", input: INPUT });
  await box.enqueue({ clientRequestId: "id-1", employeeId: "E1", input: { ...INPUT, title: "光节点掉线（补充）" } });
  server.down = false;
  await box.flush("E1", "token-f");

  assert.equal(server.requests.size, 1);
  assert.equal(server.requests.get("id-1").input.title, "光节点掉线（补充）");
});

test("a reload between queueing and sending still sends exactly once", async () => {
  const storage = memoryStorage();
  const server = fakeServer();
  server.down = true;
  const before = outbox(storage, server);
  await before.box.enqueue({ clientRequestId: "id-1", employeeId: "E1", input: INPUT,
                             photos: [{ name: "pole.jpg", type: "image/jpeg", size: 3, blob: "jpeg-bytes" }] });
  await before.box.flush("E1", "token-f");

  // The page reloads: a new outbox over the same device storage.
  server.down = false;
  const after = outbox(storage, server);
  await after.box.recover();
  await after.box.flush("E1", "token-f");
  await after.box.flush("E1", "token-f");

  assert.equal(server.requests.size, 1);
  assert.deepEqual(server.photos, [{ requestId: "R1", name: "pole.jpg" }]);
  assert.equal(after.sent.length, 1);
});

test("an answer lost after the server stored the request: the resend carries the same id", async () => {
  const storage = memoryStorage();
  const server = fakeServer();
  const { box, sent } = outbox(storage, server);
  server.loseNextAnswer = true;

  await box.enqueue({ clientRequestId: "id-1", employeeId: "E1", input: INPUT });
  await box.flush("E1", "token-f");
  assert.equal((await box.items())[0].status, WAITING);

  await box.flush("E1", "token-f");

  assert.equal(server.requests.size, 1);
  assert.deepEqual(sent.map((d) => d.created), [false]); // the server answered with the original
});

test("photos already sent are not sent again after an interruption", async () => {
  const storage = memoryStorage();
  const server = fakeServer();
  const { box } = outbox(storage, server);
  const photos = [{ name: "a.jpg", type: "image/jpeg", size: 1, blob: "a" },
                  { name: "b.jpg", type: "image/jpeg", size: 1, blob: "b" }];
  await box.enqueue({ clientRequestId: "id-1", employeeId: "E1", input: INPUT, photos });
  const attach = server.send.attach;
  let uploads = 0;
  server.send.attach = async (...args) => {
    uploads += 1;
    if (uploads === 2) throw new NetworkError("dropped on the second photo");
    return attach(...args);
  };

  await box.flush("E1", "token-f");
  const [left] = await box.items();
  assert.deepEqual(left.photos.map((p) => p.sent), [true, false]);
  await box.flush("E1", "token-f");

  assert.deepEqual(server.photos.map((p) => p.name), ["a.jpg", "b.jpg"]);
  assert.deepEqual(await box.items(), []);
});

test("a refusal is kept as failed with the server's reason and is not retried", async () => {
  const storage = memoryStorage();
  const server = fakeServer();
  const { box } = outbox(storage, server);
  server.refuse = { code: "VALIDATION", message: "title is too long", field: "title" };

  await box.enqueue({ clientRequestId: "id-1", employeeId: "E1", input: INPUT });
  await box.flush("E1", "token-f");
  await box.flush("E1", "token-f");

  const [failed] = await box.items();
  assert.equal(failed.status, FAILED);
  assert.deepEqual(failed.error, server.refuse);
  assert.equal(server.calls, 1);
  await box.discard("id-1");
  assert.deepEqual(await box.items(), []);
});

test("an expired session keeps the request waiting until its owner signs in again", async () => {
  const storage = memoryStorage();
  const server = fakeServer();
  const { box } = outbox(storage, server);
  await box.enqueue({ clientRequestId: "id-1", employeeId: "E1", input: INPUT });

  await box.flush("E1", "token-expired");
  assert.equal((await box.items())[0].status, WAITING);
  await box.flush("E2", "token-f"); // someone else signed in on this phone: not theirs to send
  assert.equal(server.requests.size, 0);

  await box.flush("E1", "token-f");
  assert.equal(server.requests.size, 1);
});

test("two tabs flushing at once send each request once", async () => {
  const storage = memoryStorage();
  const server = fakeServer();
  const lock = serialLock(); // the Web Locks API: one tab at a time
  const first = createOutbox({ storage, send: server.send, lock });
  const second = createOutbox({ storage, send: server.send, lock });
  await first.enqueue({ clientRequestId: "id-1", employeeId: "E1", input: INPUT });
  await first.enqueue({ clientRequestId: "id-2", employeeId: "E1", input: { ...INPUT, title: "第二个" } });

  await Promise.all([first.flush("E1", "token-f"), second.flush("E1", "token-f")]);

  assert.equal(server.requests.size, 2);
  assert.equal(server.calls, 2);
});

test("the GraphQL sender posts the submission and a multipart photo, and tells failures apart", async () => {
  const posted = [];
  const answers = [
    { status: 200, body: { data: { submitSupportRequest: { __typename: "SupportRequestSuccess", created: true,
                                                            request: { id: "U3A6MQ" } } } } },
    { status: 200, body: { data: { addSupportAttachment: { __typename: "OperationError", code: "VALIDATION",
                                                            message: "not an image", field: "file" } } } },
    { status: 502, body: {} },
    { status: 200, body: { data: null, errors: [{ message: "Sign in first: this needs a valid bearer token." }] } },
  ];
  const fetchImpl = async (url, options) => {
    posted.push({ url, options });
    const answer = answers.shift();
    return { status: answer.status, json: async () => answer.body };
  };
  const sender = graphqlSender({ url: "/graphql", documents: { submit: "mutation Submit", attach: "mutation Attach" },
                                 fetchImpl });

  assert.deepEqual(await sender.submit("t", INPUT), { requestId: "U3A6MQ", created: true });
  assert.deepEqual(await sender.attach("t", "U3A6MQ", { name: "x.png", blob: new Blob(["x"]) }),
                   { error: { code: "VALIDATION", message: "not an image", field: "file" } });
  await assert.rejects(sender.submit("t", INPUT), NetworkError);
  await assert.rejects(sender.submit("t", INPUT), SessionError);

  assert.equal(posted[0].options.headers.Authorization, "Bearer t");
  assert.deepEqual(JSON.parse(posted[0].options.body), { query: "mutation Submit", variables: { input: INPUT } });
  const form = posted[1].options.body;
  assert.deepEqual(JSON.parse(form.get("map")), { 0: ["variables.file"] });
  assert.deepEqual(JSON.parse(form.get("operations")).variables, { requestId: "U3A6MQ", file: null });
});
