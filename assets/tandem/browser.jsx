// Small pieces of the web app that only the browser can do; frontend/components/browser.py wraps them.
import { useEffect, useState } from "react";

// <html lang> follows the chosen interface language (screen readers, hyphenation, fonts).
export function HtmlLang({ lang }) {
  useEffect(() => {
    if (lang) document.documentElement.lang = lang;
  }, [lang]);
  return null;
}

// Signing out (or in as someone else) in one tab reaches every other tab of the browser at once: they drop
// what they show and go to sign-in, or load again for the new person. Reflex copies the token between tabs
// (LocalStorage sync) but a page would go on showing the previous person's data until it is reloaded.
export function SessionGuard({ storageKey, loginPath }) {
  useEffect(() => {
    const onStorage = (event) => {
      if (event.storageArea !== window.localStorage || event.key !== storageKey) return;
      const before = event.oldValue || "";
      const after = event.newValue || "";
      if (before === after) return;
      if (!after) {
        window.location.replace(loginPath + "?reason=signed_out");
      } else if (before) {
        window.location.reload();
      }
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [storageKey, loginPath]);
  return null;
}

function minutesText(minutes, units) {
  const m = Math.max(0, Math.round(minutes));
  const days = Math.floor(m / 1440), hours = Math.floor((m % 1440) / 60), mins = m % 60;
  if (days) return hours ? `${days}${units.d} ${hours}${units.h}` : `${days}${units.d}`;
  if (hours) return `${hours}${units.h} ${String(mins).padStart(2, "0")}${units.m}`;
  return `${mins}${units.m}`;
}

// Time left until an SLA deadline ("还剩 25 分" / "超时 1 小时 05 分"), ticking in the browser every 30 s:
// a queue of hundreds of rows must not cost a server round trip a minute.
export function Countdown({ due, labels, stopped }) {
  // null until mounted: the server-built page cannot know the time the browser will show it at.
  const [now, setNow] = useState(null);
  useEffect(() => {
    setNow(Date.now());
    if (stopped || !due) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), 30000);
    return () => window.clearInterval(timer);
  }, [due, stopped]);
  if (!due || now === null) return null;
  const left = (Date.parse(due) - now) / 60000;
  const units = { d: labels.d || "d", h: labels.h || "h", m: labels.m || "m" };
  const late = left < 0;
  const text = (late ? labels.late : labels.left).replace("{time}", minutesText(Math.abs(left), units));
  return (
    <span className={"tandem-countdown" + (late ? " is-late" : left < 30 ? " is-soon" : "")} title={due}
          data-minutes-left={Math.round(left)}>
      {text}
    </span>
  );
}

// Registers the service worker (assets/sw.js) and hands it what this page loaded before it was in control,
// so that the very first visit already works offline after a reload.
export function ServiceWorker({ url }) {
  useEffect(() => {
    if (!("serviceWorker" in navigator) || !url) return;
    // The worker says when this page's files are kept: from then on a reload works offline.
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data && event.data.type === "cached") window.__tandemShellCached = true;
    });
    navigator.serviceWorker.register(url, { scope: "/" }).then(async (registration) => {
      const worker = registration.active || (await navigator.serviceWorker.ready).active;
      if (!worker) return;
      const urls = [window.location.href, ...performance.getEntriesByType("resource")
        .map((entry) => entry.name)
        .filter((name) => name.startsWith(window.location.origin) && !name.includes("/_event")
                && !name.includes("/graphql"))];
      worker.postMessage({ type: "cache-urls", urls: [...new Set(urls)] });
    }).catch(() => {});
  }, [url]);
  return null;
}
