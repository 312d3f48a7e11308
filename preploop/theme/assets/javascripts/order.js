// The order page, when a role page links to it with ?company=...&role=...: name the
// role being ordered, put it in the checkout address and fill in the email's subject.
// Without this script the page still says what to send; nothing here talks to any server.
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
  const checkout = order.querySelector("[data-prep-order-checkout]");
  if (checkout && order.dataset.checkout) {
    checkout.href = order.dataset.checkout
      .replaceAll("{company}", encodeURIComponent(params.get("company")))
      .replaceAll("{role}", encodeURIComponent(params.get("role")));
  }
})();
