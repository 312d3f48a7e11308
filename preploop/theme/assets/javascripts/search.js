// Search as job seekers type, with the words in preploop/site/search.yaml (published as
// search-words.js): stop words are dropped from a query, a short form stands for its
// words ("pm": product manager), a word also looks for its synonyms ("salary" finds
// "pay"), every word but the one being typed must be found ("keeper test" finds the pages
// about the keeper test, not every page about tests; when no page holds them all, any of
// them will do), and a query that finds nothing says so and links the companies we cover. It rewrites the query mkdocs-material posts to its
// search worker; nothing leaves the browser.
(() => {
  const words = window.prepSearchWords;
  if (!words || typeof Worker === "undefined") return;
  const QUERY = 2; // mkdocs-material 9.8: the message type of a search query
  const stop = new Set(words.stop);
  const synonyms = new Map();
  for (const group of words.synonyms) for (const word of group) synonyms.set(word, group);

  const terms = (query) => query.toLowerCase().split(/[\s-]+/).filter(Boolean);
  const named = new Set(words.companies.flatMap((name) => name.split(/\s+/)));

  // "tell me about a time" -> "+tell time"; "netflix salary" -> "+netflix salary pay^1 ...";
  // "google pm" -> "+google +product +manager". A word with synonyms stays optional (one
  // of its group is enough), and so does the last word typed, which may be half typed
  // ("keeper te"). Queries written in lunr's syntax (quotes, +, -, field:, ~, ^, *) are left
  // as typed, and so is a query made only of stop words (its last word may be "me").
  let added = new Set(); // synonyms the last query gained: never "missing" from a result
  let groups = []; // each typed word with its synonyms: one of them found is enough
  let last = null; // the last query posted: {worker, message, typed, strict}
  let strict = false; // the last rewrite required some words
  const rewrite = (query, loose = false) => {
    added = new Set();
    groups = [];
    strict = false;
    if (/["+:~^*]|(^|\s)-/.test(query)) return query;
    const typed = terms(query).filter((term) => !stop.has(term));
    if (!typed.length) return query;
    const kept = [];
    const whole = new Set(); // words a short form stood for: complete, never half typed
    for (const term of typed) {
      const short = Object.hasOwn(words.abbreviations, term);
      for (const word of short ? words.abbreviations[term] : [term]) {
        kept.push(word);
        if (word !== term) whole.add(word);
      }
    }
    // Beside a company's name, the other words decide the order ("netflix salary").
    const topical = kept.some((t) => named.has(t)) && kept.some((t) => !named.has(t));
    const weight = (term) => (topical && !named.has(term) ? words.topic_boost : 1);
    const out = [];
    kept.forEach((term, index) => {
      const typing = index === kept.length - 1 && !whole.has(term);
      const required = !loose && kept.length > 1 && !typing && !synonyms.has(term);
      strict ||= required;
      const boost = weight(term) > 1 ? `^${weight(term)}` : "";
      out.push(`${required ? "+" : ""}${term}${boost}`);
      if (synonyms.has(term)) groups.push(new Set(synonyms.get(term)));
      for (const other of synonyms.get(term) || []) {
        if (other !== term && !kept.includes(other) && !added.has(other)) {
          out.push(`${other}^${weight(term)}`); // the whole word: "pay", never "payments"
          added.add(other);
        }
      }
    });
    return out.join(" ");
  };

  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      const data = rewrite(message.data);
      last = { worker: this, message, typed: message.data, strict };
      message = { ...message, data };
    }
    return post.call(this, message, ...rest);
  };

  // Nothing found: say so, and link the companies we cover.
  const result = document.querySelector(".md-search-result");
  const input = document.querySelector("input.md-search__input");
  const config = document.getElementById("__config");
  if (!result || !input || !config) return;
  const meta = result.querySelector(".md-search-result__meta");
  const list = result.querySelector(".md-search-result__list");
  if (!meta || !list) return;
  const settings = JSON.parse(config.textContent);
  const base = settings.base || ".";
  const none = (settings.translations || {})["search.result.none"] || "No matching documents";
  const note = document.createElement("p");
  note.className = "prep-search-none";
  note.hidden = true;
  meta.after(note);
  let shown = "";
  const update = () => {
    // A result lists the query's words it lacks: never a synonym the query gained, nor
    // a typed word whose synonym it holds.
    for (const missing of result.querySelectorAll(".md-search-result__terms")) {
      const dels = [...missing.querySelectorAll("del")];
      const lacks = new Set(dels.map((del) => del.textContent));
      for (const del of dels) {
        const group = groups.find((members) => members.has(del.textContent));
        const found = group && [...group].some((word) => !lacks.has(word));
        if (found || added.has(del.textContent)) del.remove();
      }
      if (!missing.querySelector("del")) missing.remove();
    }
    const query = input.value.trim();
    const asked = terms(query).filter((term) => !stop.has(term));
    const empty =
      query && asked.length && !list.children.length && meta.textContent.trim() === none;
    if (empty && last && last.strict) {
      // No page holds every word: ask again for pages holding any of them.
      last.strict = false;
      post.call(last.worker, { ...last.message, data: rewrite(last.typed, true) });
      return;
    }
    const key = empty ? query : "";
    if (key === shown) return; // our own change comes back here: do nothing twice
    shown = key;
    note.hidden = !empty;
    note.replaceChildren();
    if (!empty) return;
    const covered = asked.some((term) =>
      words.companies.some((name) => name.split(/\s+/).some((part) => part.startsWith(term))),
    );
    const said = covered
      ? `Nothing on this site matches “${query}”. `
      : `We do not cover “${query}” yet: no guide or report for it. `;
    const link = document.createElement("a");
    link.href = new URL(`${base}/companies/`, window.location.href).href;
    link.textContent = "See the companies we cover";
    note.append(said, link, ".");
  };
  new MutationObserver(update).observe(result, {
    childList: true,
    subtree: true,
    characterData: true,
  });
})();
