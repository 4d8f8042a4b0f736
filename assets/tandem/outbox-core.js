// The offline outbox of support requests: a form submission is kept on the device until the server has it,
// then sent exactly once. Pure logic: the storage, the network and the lock are given (outbox.jsx gives
// IndexedDB, fetch and the Web Locks API; tests/frontend/outbox.test.mjs gives fakes).
//
// One submission is one clientRequestId, made on the device when the form opens and kept with the queued
// request until the server confirms it: a resend after a lost answer, a second tap, a reload or a second tab
// all carry the same id, and the server answers with the original request instead of creating another.
//
// An item's states: "waiting" (not sent yet, or the network failed: retried), "sending", "failed" (the server
// refused it: retrying cannot help; the person discards it or fixes and submits again). Once the request and
// every photo are on the server the item is removed and `onSent` is told.

export const WAITING = "waiting";
export const SENDING = "sending";
export const FAILED = "failed";

// A transport failure (offline, server down): the item waits and is retried.
export class NetworkError extends Error {}
// The session is gone: the item waits until someone signs in again.
export class SessionError extends Error {}

export function createOutbox({ storage, send, lock, now = () => Date.now(), onSent = () => {}, onChange = () => {} }) {
  let flushing = null;

  async function items() {
    const all = await storage.values();
    return all.sort((a, b) => a.queuedAt - b.queuedAt);
  }

  async function changed() {
    onChange(await items());
  }

  // Keep a submission. Submitting again with the same id (a second tap before the form closed) replaces the
  // queued content; it never makes a second request.
  async function enqueue({ clientRequestId, employeeId, input, photos = [] }) {
    if (!clientRequestId) throw new Error("a submission needs its clientRequestId");
    const existing = await storage.get(clientRequestId);
    if (existing && existing.requestId) return existing; // already on the server: nothing to replace
    const item = {
      clientRequestId,
      employeeId,
      input: { ...input, clientRequestId },
      title: input.title || "",
      photos: photos.map((photo, index) => ({ index, name: photo.name, type: photo.type, size: photo.size,
                                              blob: photo.blob, sent: false })),
      status: WAITING,
      requestId: null,
      created: null,
      error: null,
      attempts: 0,
      queuedAt: existing ? existing.queuedAt : now(),
      lastAttemptAt: null,
    };
    await storage.set(clientRequestId, item);
    await changed();
    return item;
  }

  async function discard(clientRequestId) {
    await storage.del(clientRequestId);
    await changed();
  }

  async function save(item) {
    await storage.set(item.clientRequestId, item);
    await changed();
  }

  // Send what `employeeId` queued, oldest first. Stops at the first network or session failure (the rest
  // would fail too); a refusal marks that item failed and goes on with the next.
  async function sendAll(employeeId, token) {
    for (const item of await items()) {
      if (item.employeeId !== employeeId || item.status === FAILED) continue;
      item.status = SENDING;
      item.attempts += 1;
      item.lastAttemptAt = now();
      await save(item);
      try {
        if (!item.requestId) {
          const answer = await send.submit(token, item.input);
          if (answer.error) {
            item.status = FAILED;
            item.error = answer.error;
            await save(item);
            continue;
          }
          item.requestId = answer.requestId;
          item.created = answer.created;
          await save(item); // from here on a retry only sends the photos still missing
        }
        for (const photo of item.photos) {
          if (photo.sent) continue;
          const answer = await send.attach(token, item.requestId, photo);
          if (answer.error) {
            photo.error = answer.error; // a photo the server will not take: the request stands without it
          }
          photo.sent = true;
          await save(item);
        }
        await storage.del(item.clientRequestId);
        await changed();
        onSent({ clientRequestId: item.clientRequestId, requestId: item.requestId, created: item.created,
                 title: item.title, refusedPhotos: item.photos.filter((p) => p.error).length });
      } catch (error) {
        item.status = WAITING;
        await save(item);
        if (error instanceof NetworkError || error instanceof SessionError) return;
        throw error;
      }
    }
  }

  // Send everything waiting, in one tab at a time (the lock), once at a time in this tab.
  function flush(employeeId, token) {
    if (!employeeId || !token) return Promise.resolve();
    if (!flushing) {
      flushing = lock(() => sendAll(employeeId, token)).finally(() => {
        flushing = null;
      });
    }
    return flushing;
  }

  // After a reload or a crash, an item left "sending" was interrupted: it waits again (its id makes the
  // resend safe).
  async function recover() {
    for (const item of await items()) {
      if (item.status === SENDING) {
        item.status = WAITING;
        await storage.set(item.clientRequestId, item);
      }
    }
    await changed();
  }

  return { enqueue, discard, flush, items, recover };
}

// GraphQL over fetch, for the browser: the submit and attach documents come from frontend/operations.
export function graphqlSender({ url, documents, fetchImpl = (...args) => fetch(...args) }) {
  async function post(token, body, headers = {}) {
    let response;
    try {
      response = await fetchImpl(url, { method: "POST", body, headers: { Authorization: `Bearer ${token}`, ...headers } });
    } catch (error) {
      throw new NetworkError(String(error));
    }
    if (response.status >= 500) throw new NetworkError(`HTTP ${response.status}`);
    let payload;
    try {
      payload = await response.json();
    } catch (error) {
      throw new NetworkError("not a GraphQL answer");
    }
    if (payload.errors && payload.errors.length) {
      const message = payload.errors.map((e) => e.message).join("; ");
      if (/sign in|token|unauthenticated/i.test(message)) throw new SessionError(message);
      throw new NetworkError(message);
    }
    return payload.data;
  }

  function typedError(payload) {
    return payload.__typename === "OperationError" ? { code: payload.code, message: payload.message,
                                                       field: payload.field || "" } : null;
  }

  return {
    async submit(token, input) {
      const data = await post(token, JSON.stringify({ query: documents.submit, variables: { input } }),
                              { "Content-Type": "application/json" });
      const payload = data.submitSupportRequest;
      const error = typedError(payload);
      if (error) {
        if (error.code === "UNAUTHENTICATED") throw new SessionError(error.message);
        return { error };
      }
      return { requestId: payload.request.id, created: payload.created };
    },
    // The GraphQL multipart request: operations, map, then the file.
    async attach(token, requestId, photo) {
      const form = new FormData();
      form.append("operations", JSON.stringify({ query: documents.attach,
                                                 variables: { requestId, file: null } }));
      form.append("map", JSON.stringify({ 0: ["variables.file"] }));
      form.append("0", photo.blob, photo.name || "photo");
      const data = await post(token, form);
      const payload = data.addSupportAttachment;
      const error = typedError(payload);
      if (error && error.code === "UNAUTHENTICATED") throw new SessionError(error.message);
      return error ? { error } : { attachmentId: payload.attachment.id };
    },
  };
}
