/* 吉速问 chat: turns the gateway's /api/chat messages (docs/chat-api.openapi.json) into the plain
 * data the WXML renders. WXML cannot call functions, so every label, list and flag is computed
 * here once, when a reply arrives, and kept in the transcript that wx.setStorageSync saves. */
'use strict';

var RATING_PAYLOADS = { '/feedback_satisfied': 'satisfied', '/feedback_unsatisfied': 'unsatisfied' };
var SUMMARY_MARK = '问题摘要：';

function str(v) { return v === undefined || v === null ? '' : String(v); }

function list(v) { return Array.isArray(v) ? v.map(str).filter(Boolean) : []; }

/* A time limit {amount, unit} as the caller reads it: "20个工作日", "3日". */
function limitText(tl) {
  var amount = str(tl && tl.amount);
  var unit = str(tl && tl.unit);
  if (!amount) return '';
  var text = unit === '工作日' ? amount + '个工作日' : amount + unit;
  /* A limit for users up to a capacity only (第42条: 160kW及以下) says so. */
  var kw = str(tl && tl.max_kw);
  return kw ? text + '（' + kw + 'kW及以下）' : text;
}

function isoToChinese(iso) {
  var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(str(iso));
  return m ? m[1] + '年' + Number(m[2]) + '月' + Number(m[3]) + '日' : str(iso);
}

/* A short accessible summary of the card (its aria-label), as the H5 widget's cardSummary. */
function cardSummary(name, limits, lead) {
  var parts = ['服务卡片：' + name];
  var lim = limits.map(function (l) { return (l.cond ? l.cond + '：' : '') + l.amount; }).join('；');
  parts.push(lim ? '办理时限' + lim : '方案未规定具体时限');
  if (lead) parts.push('牵头单位' + lead);
  return parts.join('，');
}

/* The folded 依据 (title and the plan's text): a card's, and each related matter's, as the H5
 * widget's citationDetails. basis: the later decision a figure rests on, if any. */
function citation(cit, basis) {
  if (!cit || !cit.item) return null;
  return { title: '依据：' + (str(basis) || '《行动方案》第' + str(cit.item) + '条'), text: str(cit.text) };
}

/* The other matters a told situation touches (card related_matters), as the H5 widget's
 * renderRelated: the text's header, its numbered lines (each with the step's 依据, the
 * bracketed 第N条 moved there) and the footer. null when the text has no numbered line. */
var NUMBERED = /^(\d+)\.\s*/;
function related(text, c) {
  var rows = str(text).split('\n');
  var first = -1, last = -1;
  rows.forEach(function (r, i) {
    if (NUMBERED.test(r)) { if (first < 0) first = i; last = i; }
  });
  if (first < 0) return null;
  var steps = Array.isArray(c.steps) ? c.steps : [];
  var lines = rows.slice(first, last + 1).map(function (r, i) {
    var step = steps[i] || {};
    var cit = citation(step.citation);
    var line = r.replace(NUMBERED, '');
    if (cit) line = line.replace('（第' + str(step.citation.item) + '条）', '');
    return { no: i + 1, text: line, item: str(step.item), slug: str(step.slug), citation: cit };
  });
  return { head: rows.slice(0, first).join('\n'), lines: lines,
    foot: rows.slice(last + 1).join('\n') };
}

/* The compact service card, as the H5 widget's (bot/static/widget.js renderCard): time limit,
 * channel, fee and the lead unit first; the full 责任单位 list and the rows the plan leaves
 * empty (方案未写明) folded under 更多信息 until tapped. */
function card(c) {
  var rows = [];
  var more = [];
  var limits = (Array.isArray(c.time_limits) ? c.time_limits : []).map(function (tl) {
    var cond = str(tl && tl.condition);
    return {
      cond: cond, amount: limitText(tl),
      chosen: !!(cond && c.condition && cond === str(c.condition))
    };
  }).filter(function (l) { return l.amount; });
  if (limits.length) rows.push({ label: '办理时限', limits: limits });
  else more.push({ label: '办理时限', muted: '《行动方案》未规定具体时限，以受理窗口告知为准' });
  var due = c.due_date;
  if (due && (due.text || due.date)) {
    var notes = [];
    if (due.start) notes.push('自' + isoToChinese(due.start) + '起算');
    if (due.note) notes.push(str(due.note));
    else if (due.calendar_known === false) notes.push('当年节假日安排尚未公布，按常规工作日推算');
    rows.push({ label: '最晚办结', strong: str(due.text) || isoToChinese(due.date),
      note: notes.join('；') });
  }
  var channels = list(c.channels);
  if (channels.length) rows.push({ label: '办理渠道', text: channels.join('、') });
  else more.push({ label: '办理渠道', muted: '方案未写明，可到政务服务大厅综合窗口或拨打12345咨询' });
  var fees = list(c.fees);
  if (fees.length) rows.push({ label: '收费', text: fees.join('；') });
  else more.push({ label: '收费', muted: '方案未作规定，以窗口告知为准' });
  var lead = str(c.lead_unit);
  if (lead) rows.push({ label: '牵头单位', text: lead });
  var depts = list(c.departments);
  if (depts.length) more.push({ label: '责任单位', text: depts.join('、') });
  var name = str(c.name) || '服务事项';
  return {
    slug: str(c.slug), name: name, category: str(c.category), rows: rows, more: more,
    moreTitle: more.length ? '更多信息（' + more.map(function (r) { return r.label; }).join('、') + '）' : '',
    summary: cardSummary(name, limits, lead),
    citation: citation(c.citation, c.basis),
    degraded: !!c.degraded
  };
}

/* One gateway message → one transcript entry (null for an empty one). */
function botEntry(m, id) {
  if (!m || (!m.text && !m.buttons && !m.custom)) return null;
  var custom = m.custom && typeof m.custom === 'object' ? m.custom : {};
  var type = str(custom.type);
  var text = str(m.text);
  var entry = { id: id, role: 'bot', text: text, kind: '', buttons: [], rating: null };
  if (type === 'service_card') {
    // The card lists the responsible units: the bubble keeps the answer and its 依据.
    var cut = text.indexOf('；责任单位：');
    if (cut > 0) entry.text = text.slice(0, cut);
    entry.card = card(custom);
  }
  if (type === 'field_answer') {
    // A follow-up about the service already on screen: the asked field only, in a short bubble
    // (no second card, no list of responsible units).
    var tail = text.indexOf('；责任单位：');
    if (tail > 0) entry.text = text.slice(0, tail);
    entry.kind = 'field';
    entry.slug = str(custom.slug);
  }
  if (type === 'related_matters') {
    var rel = related(text, custom);
    if (rel) { entry.related = rel; entry.text = ''; } // else the text as sent
  }
  if (type === 'degraded') entry.kind = 'notice';
  if (type === 'unavailable') entry.kind = 'alert';
  if (type === 'handoff' || type === 'unavailable' || type === 'other_region') entry.hotline = true;
  if (type === 'handoff') {
    // The gateway's summary of the user's real questions; older replies carry it in the text.
    if (custom.summary) entry.summary = str(custom.summary);
    else if (text.indexOf(SUMMARY_MARK) >= 0) {
      entry.summary = text.slice(text.indexOf(SUMMARY_MARK) + SUMMARY_MARK.length).trim();
    }
  }
  (Array.isArray(m.buttons) ? m.buttons : []).forEach(function (b) {
    var button = { title: str(b && b.title) || str(b && b.payload), payload: str(b && b.payload) };
    if (!button.payload) return;
    // 满意 / 不满意 are the 好差评 rating, shown as its own row rather than as quick replies.
    if (RATING_PAYLOADS[button.payload]) {
      entry.rating = entry.rating || { buttons: [], chosen: '' };
      entry.rating.buttons.push({ title: button.title, payload: button.payload,
        value: RATING_PAYLOADS[button.payload] });
    } else {
      entry.buttons.push(button);
    }
  });
  return entry;
}

module.exports = { botEntry: botEntry, card: card, related: related, limitText: limitText, str: str };
