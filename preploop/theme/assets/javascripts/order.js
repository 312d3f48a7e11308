// The order page, when a role page links to it with ?company=...&role=...: name the
// role being ordered and fill in the email's subject. Without this script the page
// still says what to send; nothing here talks to any server.
(() => {
  const order = document.querySelector("[data-prep-order]");
  const data = document.getElementById("prep-order-roles");
  if (!order || !data) return;
  const params = new URLSearchParams(window.location.search);
  const title = JSON.parse(data.textContent)[`${params.get("company")}/${params.get("role")}`];
  if (!title) return;
  const subject = `Report order: ${title}`;
  order.querySelector("[data-prep-order-role]").textContent = title;
  order.querySelector("[data-prep-order-chosen]").hidden = false;
  order.querySelector("[data-prep-order-subject]").textContent = subject;
  const mail = order.querySelector("[data-prep-order-mail]");
  mail.href = `mailto:${order.dataset.email}?subject=${encodeURIComponent(subject)}`;
})();
