// The support request form of the field (frontend/components/outbox.py wraps it): it works without a
// connection. A submission is kept in IndexedDB (idb-keyval: photos are Blobs of several MB, which
// localStorage cannot hold) and sent by outbox-core.js when the device is back online, exactly once.
//
// Everything it needs to render offline — the employee, the regions and departments to choose from — is
// cached in localStorage whenever the page has it, so the form still works after a reload without network.
import { Badge, Button, Callout, Card, Flex, Heading, Text, TextArea, TextField } from "@radix-ui/themes";
import { createStore, del, get, set, values } from "idb-keyval";
import { useEffect, useRef, useState } from "react";

import { createOutbox, graphqlSender } from "./outbox-core.js";

const TOKEN_KEY = "tandem.token";
const CONTEXT_KEY = "tandem.outbox.context";
const RETRY_MS = 15000;
const CATEGORIES = ["FAULT_REPAIR", "TECHNICAL_SOLUTION", "REQUIREMENT_RESEARCH", "OTHER"];
const PRIORITIES = ["NORMAL", "URGENT", "HIGH", "LOW"];
const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
const MAX_PHOTOS = 6;

let shared = null; // one outbox per page, whatever the number of forms
const sentListeners = new Set();
const changeListeners = new Set();

function theOutbox(documents, graphqlUrl) {
  if (shared) return shared;
  const store = createStore("tandem-outbox", "requests");
  const storage = {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
    values: () => values(store),
  };
  // One tab sends at a time (a second tab would only find nothing left to send).
  const lock = navigator.locks
    ? (work) => navigator.locks.request("tandem-outbox", work)
    : (work) => work();
  shared = createOutbox({
    storage,
    send: graphqlSender({ url: graphqlUrl, documents }),
    lock,
    onSent: (detail) => sentListeners.forEach((listener) => listener(detail)),
    onChange: (items) => changeListeners.forEach((listener) => listener(items)),
  });
  return shared;
}

function readContext() {
  try {
    return JSON.parse(window.localStorage.getItem(CONTEXT_KEY) || "null");
  } catch (error) {
    return null;
  }
}

// The wall clock in the organisation's zone, as an <input type="datetime-local"> value.
function localNow(timeZone) {
  const parts = new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit",
                                                   hour: "2-digit", minute: "2-digit", hour12: false })
    .format(new Date());
  return parts.replace(" ", "T");
}

// A datetime-local value read in the organisation's zone, as ISO-8601 with its offset.
function zonedIso(value, timeZone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value || "");
  if (!match) return "";
  const [, y, mo, d, h, mi] = match.map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const shown = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric",
                                                    day: "numeric", hour: "numeric", minute: "numeric" })
    .formatToParts(new Date(guess))
    .reduce((acc, part) => ({ ...acc, [part.type]: Number(part.value) }), {});
  const offset = Math.round((Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute) - guess) / 60000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const pad = (n) => String(n).padStart(2, "0");
  return `${value.slice(0, 16)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function newId() {
  if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
  return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0;
    return (c === "x" ? r : (r & 0x3) | 0x8).toString(16);
  });
}

function label(labels, key, fallback) {
  if (labels && labels[key]) return labels[key];
  return fallback !== undefined ? fallback : key;
}

function Field({ id, text, children }) {
  return (
    <Flex direction="column" gap="1" width="100%">
      <Text as="label" htmlFor={id} size="2" weight="medium">{text}</Text>
      {children}
    </Flex>
  );
}

function NativeSelect({ id, name, defaultValue, required, children }) {
  return (
    <select id={id} name={name} defaultValue={defaultValue} required={required} className="tandem-select">
      {children}
    </select>
  );
}

function PhotoPicker({ photos, setPhotos, labels, maxBytes, setProblem }) {
  const camera = useRef(null);
  const files = useRef(null);
  const add = (list) => {
    const chosen = Array.from(list || []);
    const refused = chosen.filter((f) => !PHOTO_TYPES.includes(f.type) || f.size > maxBytes);
    const kept = chosen.filter((f) => !refused.includes(f));
    setProblem(refused.length ? label(labels, "outbox.photo_refused") : "");
    setPhotos((current) => [...current, ...kept.map((file) => ({ file, url: URL.createObjectURL(file) }))]
      .slice(0, MAX_PHOTOS));
  };
  return (
    <Flex direction="column" gap="2" width="100%">
      <Text size="2" weight="medium">{label(labels, "outbox.photos")}</Text>
      <Flex gap="2" wrap="wrap">
        <Button type="button" variant="soft" size="3" id="request-photo-camera" onClick={() => camera.current.click()}>
          {label(labels, "outbox.take_photo")}
        </Button>
        <Button type="button" variant="soft" size="3" id="request-photo-files" onClick={() => files.current.click()}>
          {label(labels, "outbox.choose_photos")}
        </Button>
      </Flex>
      {/* capture: the phone opens its camera; the other input offers the gallery and files. */}
      <input ref={camera} type="file" accept="image/*" capture="environment" hidden id="request-photo-camera-input"
             onChange={(e) => { add(e.target.files); e.target.value = ""; }} />
      <input ref={files} type="file" accept={PHOTO_TYPES.join(",")} multiple hidden id="request-photo-input"
             onChange={(e) => { add(e.target.files); e.target.value = ""; }} />
      {photos.length > 0 && (
        <Flex gap="2" wrap="wrap" id="request-photos">
          {photos.map((photo, index) => (
            <Flex key={photo.url} direction="column" align="center" gap="1">
              <img src={photo.url} alt={photo.file.name} width="72" height="72" style={{ objectFit: "cover", borderRadius: 6 }} />
              <Button type="button" size="1" variant="ghost" color="red"
                      onClick={() => setPhotos((current) => current.filter((_, i) => i !== index))}>
                {label(labels, "outbox.remove_photo")}
              </Button>
            </Flex>
          ))}
        </Flex>
      )}
      <Text size="1" color="gray">{label(labels, "outbox.photo_hint")}</Text>
    </Flex>
  );
}

function RequestForm({ context, labels, timeZone, maxBytes, onQueue, onClose }) {
  const [photos, setPhotos] = useState([]);
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);
  const idRef = useRef(newId()); // one form submission is one clientRequestId until the server confirms it
  const submit = async (event) => {
    event.preventDefault();
    if (busy) return; // a second tap while queueing is the same submission
    const data = new FormData(event.currentTarget);
    const value = (name) => String(data.get(name) || "").trim();
    const reported = zonedIso(value("reported_at"), timeZone);
    const input = { regionCode: value("region_code"), departmentCode: value("department_code"),
                    category: value("category"), priority: value("priority"), title: value("title"),
                    description: value("description"), customerReportedAt: reported };
    if (Object.values(input).some((v) => !v)) {
      setProblem(label(labels, "support.error.REQUIRED"));
      return;
    }
    setBusy(true);
    try {
      await onQueue({ clientRequestId: idRef.current, input,
                      photos: photos.map(({ file }) => ({ name: file.name, type: file.type, size: file.size, blob: file })) });
    } finally {
      setBusy(false);
    }
  };
  const regions = context.regions || [];
  const departments = context.departments || [];
  return (
    <Card size="2" style={{ width: "100%" }}>
      <form id="request-form" onSubmit={submit} noValidate={false}>
        <Flex direction="column" gap="3" width="100%">
          <Heading as="h2" size="4">{label(labels, "support.form.title")}</Heading>
          <div className="tandem-form-grid">
            <Field id="request-region" text={label(labels, "support.field.region")}>
              <NativeSelect id="request-region" name="region_code" key={regions.length}
                            defaultValue={context.regionCode || (regions[0] || {}).code} required>
                {regions.map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
              </NativeSelect>
            </Field>
            <Field id="request-department" text={label(labels, "support.field.department")}>
              <NativeSelect id="request-department" name="department_code" defaultValue="" required>
                <option value="">{label(labels, "support.form.choose")}</option>
                {departments.map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
              </NativeSelect>
            </Field>
            <Field id="request-category" text={label(labels, "support.field.category")}>
              <NativeSelect id="request-category" name="category" defaultValue="FAULT_REPAIR">
                {CATEGORIES.map((c) => <option key={c} value={c}>{label(labels, `support.category.${c}`)}</option>)}
              </NativeSelect>
            </Field>
            <Field id="request-priority" text={label(labels, "support.field.priority")}>
              <NativeSelect id="request-priority" name="priority" defaultValue="NORMAL">
                {PRIORITIES.map((p) => <option key={p} value={p}>{label(labels, `support.priority.${p}`)}</option>)}
              </NativeSelect>
            </Field>
          </div>
          <Field id="request-title" text={label(labels, "support.field.title")}>
            <TextField.Root id="request-title" name="title" required maxLength={200} size="3" />
          </Field>
          <Field id="request-description" text={label(labels, "support.field.description")}>
            <TextArea id="request-description" name="description" required rows={4} size="3" />
          </Field>
          <Field id="request-reported-at" text={label(labels, "support.field.customer_reported_at")}>
            <TextField.Root id="request-reported-at" name="reported_at" type="datetime-local" required size="3"
                            defaultValue={localNow(timeZone)} />
          </Field>
          <PhotoPicker photos={photos} setPhotos={setPhotos} labels={labels} maxBytes={maxBytes} setProblem={setProblem} />
          {problem && (
            <Callout.Root color="red" role="alert" id="request-form-error">
              <Callout.Text>{problem}</Callout.Text>
            </Callout.Root>
          )}
          <Flex gap="3" width="100%">
            <Button type="submit" size="3" id="request-submit" loading={busy} style={{ flexGrow: 1 }}>
              {label(labels, "support.form.submit")}
            </Button>
            <Button type="button" size="3" variant="soft" color="gray" id="request-form-close" onClick={onClose}>
              {label(labels, "support.form.close")}
            </Button>
          </Flex>
          <Text size="1" color="gray">{label(labels, "outbox.form_hint")}</Text>
        </Flex>
      </form>
    </Card>
  );
}

function OutboxItem({ item, labels, onDiscard, onRetry }) {
  const failed = item.status === "failed";
  const sending = item.status === "sending";
  return (
    <Card size="1" className="outbox-item" data-status={item.status} data-client-request-id={item.clientRequestId}>
      <Flex direction="column" gap="1">
        <Flex gap="2" align="center" wrap="wrap">
          <Badge color={failed ? "red" : sending ? "blue" : "amber"} className="outbox-status">
            {label(labels, failed ? "outbox.status.failed" : sending ? "outbox.status.sending" : "outbox.status.waiting")}
          </Badge>
          <Text weight="medium">{item.title}</Text>
          {item.photos.length > 0 && <Text size="1" color="gray">{label(labels, "outbox.photo_count").replace("{n}", item.photos.length)}</Text>}
        </Flex>
        {failed ? (
          <Text size="2" color="red">{label(labels, `support.error.${item.error.code}`, "")} {item.error.message}</Text>
        ) : (
          <Text size="1" color="gray">{label(labels, "outbox.waiting_hint")}</Text>
        )}
        <Flex gap="2">
          {!failed && !sending && (
            <Button size="2" variant="soft" onClick={onRetry} className="outbox-retry">{label(labels, "outbox.send_now")}</Button>
          )}
          {failed && (
            <Button size="2" variant="soft" color="red" onClick={onDiscard} className="outbox-discard">{label(labels, "outbox.discard")}</Button>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}

export function SupportOutbox({ employeeId, canSubmit, regionCode, regions, departments, labels, documents,
                                graphqlUrl, maxBytes, timeZone, onSent }) {
  const [items, setItems] = useState([]);
  const [open, setOpen] = useState(false);
  // What it shows depends on this device (its outbox, the context cached here): nothing before mounting, so
  // the server-built page and the first render in the browser agree.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  // What the page knows now, else what it knew last time (offline after a reload).
  const fresh = employeeId ? { employeeId, canSubmit, regionCode, regions, departments } : null;
  const context = fresh || (typeof window !== "undefined" && readContext()) || {};
  const box = typeof window !== "undefined" ? theOutbox(documents, graphqlUrl || "/graphql") : null;
  const onSentRef = useRef(onSent);
  onSentRef.current = onSent;

  useEffect(() => {
    if (fresh && (regions || []).length) window.localStorage.setItem(CONTEXT_KEY, JSON.stringify(fresh));
  }, [employeeId, canSubmit, regionCode, JSON.stringify(regions), JSON.stringify(departments)]);

  useEffect(() => {
    const flush = () => {
      const token = window.localStorage.getItem(TOKEN_KEY) || "";
      if (context.employeeId && token) box.flush(context.employeeId, token);
    };
    const show = (list) => setItems(list.filter((item) => item.employeeId === context.employeeId));
    const sent = (detail) => onSentRef.current && onSentRef.current(detail);
    changeListeners.add(show);
    sentListeners.add(sent);
    box.recover().then(flush);
    window.addEventListener("online", flush);
    const timer = window.setInterval(() => { if (navigator.onLine !== false) flush(); }, RETRY_MS);
    return () => {
      changeListeners.delete(show);
      sentListeners.delete(sent);
      window.removeEventListener("online", flush);
      window.clearInterval(timer);
    };
  }, [context.employeeId]);

  const queue = async (submission) => {
    await box.enqueue({ ...submission, employeeId: context.employeeId });
    setOpen(false);
    const token = window.localStorage.getItem(TOKEN_KEY) || "";
    box.flush(context.employeeId, token);
  };
  const retry = () => box.flush(context.employeeId, window.localStorage.getItem(TOKEN_KEY) || "");
  if (!mounted) return <div id="support-outbox" />;
  const ready = (context.regions || []).length > 0 && (context.departments || []).length > 0;

  return (
    <Flex direction="column" gap="3" width="100%" id="support-outbox" data-ready="true">
      {/* The form needs its choices: until the regions and departments are known (or cached), no form. */}
      {context.canSubmit && ready && !open && (
        <Flex>
          <Button size="3" id="request-new" onClick={() => setOpen(true)}>＋ {label(labels, "support.new")}</Button>
        </Flex>
      )}
      {context.canSubmit && ready && open && (
        <RequestForm context={context} labels={labels} timeZone={timeZone || "Asia/Shanghai"}
                     maxBytes={maxBytes || 10485760} onQueue={queue} onClose={() => setOpen(false)} />
      )}
      {items.length > 0 && (
        <Flex direction="column" gap="2" id="outbox" role="status" aria-live="polite">
          <Heading as="h2" size="3">{label(labels, "outbox.title")}</Heading>
          {items.map((item) => (
            <OutboxItem key={item.clientRequestId} item={item} labels={labels} onRetry={retry}
                        onDiscard={() => box.discard(item.clientRequestId)} />
          ))}
        </Flex>
      )}
    </Flex>
  );
}
