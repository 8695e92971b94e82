// vanban pages: symbol suggestions, uploads with live progress, corrections.
// No framework, no request to another origin (the CSP forbids both).
"use strict";
(function () {
  const $ = (s, el) => (el || document).querySelector(s);
  const $$ = (s, el) => Array.from((el || document).querySelectorAll(s));

  // The token is kept for this tab only.
  const tokenInput = $("[data-token]");
  if (tokenInput) {
    tokenInput.value = sessionStorage.getItem("vanban-token") || "";
    tokenInput.addEventListener("input", () => sessionStorage.setItem("vanban-token", tokenInput.value));
  }
  const whoInput = $("[data-who]");
  if (whoInput) {
    whoInput.value = localStorage.getItem("vanban-who") || "";
    whoInput.addEventListener("input", () => localStorage.setItem("vanban-who", whoInput.value));
  }
  const token = () => (tokenInput ? tokenInput.value.trim() : "");
  const headers = (extra) => Object.assign({ "X-Vanban-Token": token() }, extra || {});
  const text = (el, s) => { el.textContent = s; return el; };
  const el = (tag, s) => text(document.createElement(tag), s || "");

  // Symbol suggestions for the search box.
  const q = $("[data-suggest]");
  if (q) {
    let timer;
    q.addEventListener("input", () => {
      clearTimeout(timer);
      const v = q.value.trim();
      if (!/\d/.test(v)) return;
      timer = setTimeout(async () => {
        const r = await fetch("/api/suggest?q=" + encodeURIComponent(v));
        if (!r.ok) return;
        const list = $("#symbols");
        list.replaceChildren();
        for (const d of await r.json()) {
          const o = document.createElement("option");
          o.value = d.symbol;
          o.label = (d.type ? d.type + " " : "") + d.symbol + (d.year ? " (" + d.year + ")" : "");
          list.appendChild(o);
        }
      }, 150);
    });
  }

  // Ingest: upload, then follow the job.
  const fmtTime = (s) => { s = Math.round(s); return s >= 60 ? Math.floor(s / 60) + " phút " + (s % 60) + " giây" : s + " giây"; };
  const stateVI = { queued: "đang chờ", running: "đang nhập", done: "xong", failed: "lỗi", interrupted: "bị dừng giữa chừng" };
  async function follow(job) {
    const box = $("#progress"), bar = $("#bar"), stats = $("#stats"), report = $("#report");
    box.hidden = false;
    for (;;) {
      const r = await fetch("/api/jobs/" + job.id);
      const j = await r.json();
      const p = j.progress || { done: 0, total: 0, pages: 0, files_per_second: 0, seconds_left: 0 };
      bar.max = Math.max(p.total, 1); bar.value = p.done;
      text(stats, p.done + "/" + p.total + " tệp · " + p.pages + " trang · " + p.files_per_second.toFixed(1) +
        " tệp/giây · còn khoảng " + fmtTime(p.seconds_left) + " · " + (stateVI[j.state] || j.state));
      if (j.state === "done" || j.state === "failed" || j.state === "interrupted") { showReport(report, j); return; }
      await new Promise((res) => setTimeout(res, 500));
    }
  }
  function showReport(box, j) {
    box.replaceChildren();
    const rep = j.report || {};
    box.appendChild(el("p", "Xong: " + rep.files + " tệp — " + rep.added + " mới, " + rep.changed + " thay đổi, " +
      rep.unchanged + " không đổi, " + rep.duplicates + " trùng, " + rep.renditions + " bản khác của văn bản đã có, " + rep.failed + " lỗi."));
    if (j.error) box.appendChild(el("p", j.error)).className = "error";
    const advice = { empty: "tệp rỗng: kiểm tra lại bản quét", not_text: "không phải văn bản: bỏ qua hoặc chuyển sang PDF",
      too_large: "tệp quá lớn: tách nhỏ", encrypted: "tệp có mật khẩu: gỡ mật khẩu rồi nhập lại",
      corrupt: "tệp hỏng: lấy lại bản gốc", timeout: "quá thời gian: thử lại khi máy rảnh", ocr_failed: "không nhận dạng được: quét lại rõ hơn" };
    const outcomeVI = { added: "mới", changed: "thay đổi", unchanged: "không đổi", duplicate: "trùng nội dung",
      rendition: "bản khác của văn bản đã có", moved: "đã chuyển chỗ", failed: "lỗi", skipped: "bỏ qua" };
    const ul = document.createElement("ul");
    ul.className = "files";
    for (const f of j.files || []) {
      const li = document.createElement("li");
      li.appendChild(el("span", outcomeVI[f.outcome] || f.outcome)).className = "outcome";
      li.appendChild(document.createTextNode(" " + f.path));
      if (f.id) {
        const a = el("a", f.label || f.id); a.href = "/van-ban/" + encodeURIComponent(f.id);
        li.appendChild(document.createTextNode(" → ")); li.appendChild(a);
        li.className = "landed";
      } else if (f.outcome === "failed") {
        li.appendChild(document.createTextNode(": " + f.kind + " — " + f.message + (advice[f.kind] ? " (" + advice[f.kind] + ")" : "")));
        li.className = "fail";
      }
      ul.appendChild(li);
    }
    box.appendChild(ul);
  }
  async function submitJob(body, ctype) {
    const h = headers(ctype ? { "Content-Type": ctype } : {});
    const r = await fetch("/api/ingest", { method: "POST", headers: h, body });
    const j = await r.json();
    if (!r.ok) { const box = $("#progress"); box.hidden = false; text($("#stats"), j.error || r.statusText); return; }
    follow(j);
  }
  const up = $("#upload");
  if (up) up.addEventListener("submit", (e) => {
    e.preventDefault();
    const fd = new FormData();
    for (const f of [...$("#files").files, ...$("#folder").files]) fd.append("files", f, f.name);
    submitJob(fd);
  });
  const sf = $("#serverfolder");
  if (sf) sf.addEventListener("submit", (e) => {
    e.preventDefault();
    submitJob(JSON.stringify({ paths: [$("#path").value] }), "application/json");
  });

  // Review: corrections and undo.
  const msg = $("#msg");
  const who = () => (whoInput ? whoInput.value.trim() : "");
  for (const f of $$("form.correct")) f.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = { document: f.dataset.doc, field: f.field.value, value: f.value.value, who: who() };
    const r = await fetch("/api/review", { method: "POST", headers: headers({ "Content-Type": "application/json" }), body: JSON.stringify(body) });
    const j = await r.json();
    if (!r.ok) { text(msg, "Không lưu được: " + j.error); msg.className = "error"; return; }
    location.reload();
  });
  for (const b of $$("button.undo")) b.addEventListener("click", async () => {
    const r = await fetch("/api/review/" + b.dataset.id + "/undo", { method: "POST", headers: headers({ "Content-Type": "application/json" }), body: JSON.stringify({ who: who() }) });
    const j = await r.json();
    if (!r.ok) { text(msg, "Không hoàn tác được: " + j.error); msg.className = "error"; return; }
    location.reload();
  });
})();
