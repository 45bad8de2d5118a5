// The self-check page's script (api/templates/index.html), served from /static: the server's
// Content-Security-Policy runs no inline script but the reports' own sorting script (api/gate.py).
(() => {
  const form = document.getElementById("upload"), status = document.getElementById("status");
  const button = document.getElementById("submit"), frame = document.getElementById("report");
  const input = document.getElementById("file"), drop = document.getElementById("drop");
  const chosen = document.getElementById("chosen"), actions = document.getElementById("actions");
  let reportHtml = null, reportName = "";
  const SETTLE_FRAMES = 30;  // about half a second at 60 frames per second
  // The frame is as tall as its report: the page scrolls as one and prints every page of it.
  const fit = () => {
    const doc = frame.contentDocument;
    if (doc && doc.documentElement) { frame.style.height = doc.documentElement.scrollHeight + "px"; }
  };
  frame.addEventListener("load", () => {
    const doc = frame.contentDocument;
    if (!doc || !reportHtml) { return; }
    fit();
    // In-page links ("#f3") would resolve against this page's address and load it into the frame:
    // scroll to the target inside the report instead.
    doc.addEventListener("click", (event) => {
      const link = event.target.closest ? event.target.closest("a[href^='#']") : null;
      if (!link) { return; }
      event.preventDefault();
      const target = doc.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!target) { return; }
      // Cards off screen are laid out lazily (content-visibility): scrolling to one lays out its
      // neighbours in the next frames and the report grows. Refit the frame and scroll again for a
      // few frames, until the target stays put.
      // The reader's own scrolling or clicking ends it: the page must not pull the view away from them.
      let frames = 0;
      const stop = () => { frames = SETTLE_FRAMES; };
      const inputs = ["wheel", "pointerdown", "keydown", "touchstart"];
      const settle = () => {
        if (frames >= SETTLE_FRAMES) {
          inputs.forEach((t) => { window.removeEventListener(t, stop, true); doc.removeEventListener(t, stop, true); });
          delete frame.dataset.settling;
          return;
        }
        fit(); target.scrollIntoView({ block: "start" });
        frames++;
        requestAnimationFrame(settle);
      };
      frame.dataset.settling = "1";  // tests wait for it to go
      inputs.forEach((t) => { window.addEventListener(t, stop, true); doc.addEventListener(t, stop, true); });
      settle();
    });
    const state = doc.getElementById("tc-status");
    if (state && state.dataset.status === "error") {
      status.className = "failed";
      status.textContent = "未能检查“" + reportName + "”：" + state.dataset.message + " 报告中的“未发现问题”不代表合规。";
    } else if (state) {
      status.className = "done";
      status.textContent = "检查完成：违规 " + state.dataset.violation + " 处，警告 " + state.dataset.warning +
        " 处，提示 " + state.dataset.info + " 处。";
    } else {
      status.className = "done"; status.textContent = "检查完成。";
    }
    actions.style.display = "flex";
  });
  window.addEventListener("resize", fit);
  document.getElementById("download").addEventListener("click", () => {
    if (!reportHtml) { return; }
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([reportHtml], { type: "text/html;charset=utf-8" }));
    link.download = reportName.replace(/\.[^.]*$/, "") + "-首台套检查报告.html";
    document.body.appendChild(link); link.click(); link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  });
  document.getElementById("print").addEventListener("click", () => { fit(); window.print(); });
  window.addEventListener("beforeprint", fit);
  const show = () => { chosen.textContent = input.files[0] ? "已选择：" + input.files[0].name : "或将 PDF / Word 文件拖放到这里"; };
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach((t) => drop.addEventListener(t, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (e) => { e.preventDefault(); if (e.dataTransfer.files.length) { input.files = e.dataTransfer.files; show(); } });
  // Accepting findings: the report (in a sandboxed frame, no script of its own) has a box by each
  // finding; this page reads the ticked ones and writes a waiver-file stub whose reasons are left
  // empty on purpose: tendercheck refuses a waiver without a reason.
  const waiveBar = document.getElementById("waive-bar"), waive = document.getElementById("waive");
  const ticked = () => Array.from(frame.contentDocument ? frame.contentDocument.querySelectorAll("input.waive:checked") : []);
  const oneLine = (t) => String(t).replace(/[\r\n]+/g, " ");
  frame.addEventListener("load", () => {
    waiveBar.hidden = !frame.contentDocument || !frame.contentDocument.querySelector("input.waive");
    waive.disabled = true; waive.textContent = "下载豁免文件模板";
    if (frame.contentDocument) {
      frame.contentDocument.addEventListener("change", () => {
        const n = ticked().length;
        waive.disabled = n === 0; waive.textContent = n ? "下载豁免文件模板（" + n + " 项）" : "下载豁免文件模板";
      });
    }
  });
  waive.addEventListener("click", () => {
    const today = new Date().toISOString().slice(0, 10);
    const lines = ["# tendercheck 豁免文件（格式见 docs/waivers.md）", "# 每一条都必须填写理由 reason，否则 tendercheck 拒绝使用本文件。",
                   "# 用法：tendercheck scan 文件 --waivers waivers.toml", ""];
    for (const box of ticked()) {
      const d = box.dataset;
      lines.push("[[waiver]]", "# " + oneLine(d.rule + " " + d.message), "fingerprint = " + JSON.stringify(d.fingerprint),
                 "reason = \"\"  # 必填：为什么接受此问题", "who = \"\"", "date = " + today,
                 "file = " + JSON.stringify(reportName), "# expires = " + today + "  # 可选：到期后不再豁免", "");
    }
    const url = URL.createObjectURL(new Blob([lines.join("\n")], { type: "application/toml" }));
    const a = document.createElement("a");
    a.href = url; a.download = "waivers.toml"; document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = document.getElementById("file").files[0];
    if (!file) { return; }
    if (file.size > Number(form.dataset.maxBytes)) {
      status.className = "failed"; status.textContent = "文件过大，不能超过 " + form.dataset.maxMb + " MB。"; return;
    }
    button.disabled = true; status.className = ""; status.textContent = "正在检查“" + file.name + "”，请稍候……";
    frame.style.display = "none"; actions.style.display = "none"; reportHtml = null;
    try {
      const body = new FormData(); body.append("file", file);
      const resp = await fetch("/check", { method: "POST", body });
      if (!resp.ok) {
        let message = "检查失败（HTTP " + resp.status + "）";
        try { message = (await resp.json()).error.message; } catch (e) {}
        status.className = "failed"; status.textContent = message; return;
      }
      reportHtml = await resp.text(); reportName = file.name;
      frame.style.display = "block";
      frame.srcdoc = reportHtml;  // the status is set when the report has loaded
    } catch (e) {
      status.className = "failed"; status.textContent = "网络错误，请重试。";
    } finally { button.disabled = false; }
  });
})();
