#!/usr/bin/env python3
"""Self-check for dev_plan23 question set. Run: python3 check.py"""
import re, os, sys
from collections import Counter
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
PLAN = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'seeds', '000_0571abc50a7b2424.txt'))
if not os.path.exists(PLAN):
    PLAN = '/work/shared/seeds/000_0571abc50a7b2424.txt'

BIG = set([1, 2, 3, 4, 5, 15]) | set(range(41, 47)) | set(range(83, 95)) | set(range(110, 115))
WANT_SINGLE = {'life_event': 45, 'absent_fact': 30, 'outside_catalog': 30, 'detail': 10}
WANT_CONV = 30
WS = re.compile(r'\s+')


def nows(s):
    return WS.sub('', s)


def load_tasks():
    raw = open(PLAN, encoding='utf-8').read()
    start = raw.index('二、主要任务')
    end = raw.index('三、保障措施')
    body = raw[start:end]
    lines = body.split('\n')[1:]
    head = re.compile(r'^\s*(#|[（(][一二三四五六七八九十]+[）)])')
    kept = [l for l in lines if not head.match(l)]
    text = '\n'.join(kept)
    tasks, pos, starts = {}, 0, []
    for n in range(1, 173):
        m = re.compile(r'(?m)^\s*%d\s*[.．]' % n).search(text, pos)
        assert m, 'task %d not found' % n
        starts.append((n, m.start()))
        pos = m.end()
    for i, (n, s) in enumerate(starts):
        e = starts[i + 1][1] if i + 1 < len(starts) else len(text)
        tasks[n] = nows(text[s:e])
    return tasks


def main():
    tasks = load_tasks()
    errs = []
    single = yaml.safe_load(open(os.path.join(HERE, 'chat_single.yml'), encoding='utf-8'))
    conv = yaml.safe_load(open(os.path.join(HERE, 'chat_multiturn.yml'), encoding='utf-8'))
    ids = [x['id'] for x in single] + [x['id'] for x in conv]
    for k, v in Counter(ids).items():
        if v > 1:
            errs.append('duplicate id %s' % k)
    usage = Counter()

    def check_parts(iid, parts, question, allow_empty=False):
        used = set()
        if not isinstance(parts, list):
            errs.append('%s: parts not a list' % iid); return used
        if not parts and not allow_empty:
            errs.append('%s: empty parts' % iid)
        q = nows(question)
        for p in parts:
            if set(p) - {'cite', 'expect'}:
                errs.append('%s: bad part keys %s' % (iid, set(p)))
            cite = p.get('cite')
            if not cite or not all(isinstance(c, int) and 1 <= c <= 172 for c in cite):
                errs.append('%s: bad cite %r' % (iid, cite)); continue
            used |= set(cite)
            for ex in p.get('expect', []) or []:
                e = nows(str(ex))
                if not 2 <= len(e) <= 10:
                    errs.append('%s: expect length %r' % (iid, ex))
                if not any(e in tasks[c] for c in cite):
                    errs.append('%s: expect %r not in cited %r' % (iid, ex, cite))
                if e in q:
                    errs.append('%s: expect %r occurs in question' % (iid, ex))
        return used

    cats = Counter()
    prefix = {'detail': 'd', 'several': 's', 'life_event': 'l', 'outside_catalog': 'o',
              'absent_fact': 'a', 'other_region': 'r'}
    for it in single:
        iid, cat = it.get('id'), it.get('category')
        cats[cat] += 1
        if cat not in prefix:
            errs.append('%s: bad category' % iid); continue
        if not re.fullmatch(prefix[cat] + r'\d{3}', str(iid)):
            errs.append('%s: id does not match category' % iid)
        text = it.get('text')
        if not isinstance(text, str) or not text.strip():
            errs.append('%s: no text' % iid); continue
        allowed = {'id', 'category', 'text', 'parts', 'min_parts', 'about', 'region'}
        if set(it) - allowed:
            errs.append('%s: extra keys %s' % (iid, set(it) - allowed))
        if cat == 'absent_fact':
            about = it.get('about')
            if 'parts' in it or not about or not all(isinstance(c, int) and 1 <= c <= 172 for c in about):
                errs.append('%s: bad absent_fact fields' % iid)
            else:
                usage.update(set(about))
            continue
        used = check_parts(iid, it.get('parts'), text)
        usage.update(used)
        if cat == 'life_event':
            if it.get('min_parts') != 2 or len(it['parts']) < 2:
                errs.append('%s: life_event needs min_parts 2 and >=2 parts' % iid)
            if len(used) < 2:
                errs.append('%s: life_event needs two different tasks' % iid)
        elif 'min_parts' in it:
            errs.append('%s: min_parts only for life_event' % iid)
        if cat == 'outside_catalog' and used & BIG:
            errs.append('%s: outside_catalog cites big service %s' % (iid, used & BIG))
    for k, v in WANT_SINGLE.items():
        if cats[k] != v:
            errs.append('category %s: %d, want %d' % (k, cats[k], v))
    if set(cats) - set(WANT_SINGLE):
        errs.append('unexpected categories %s' % (set(cats) - set(WANT_SINGLE)))

    if len(conv) != WANT_CONV:
        errs.append('conversations: %d, want %d' % (len(conv), WANT_CONV))
    for c in conv:
        iid = c.get('id')
        if not re.fullmatch(r'c\d{3}', str(iid)):
            errs.append('%s: bad conversation id' % iid)
        if set(c) - {'id', 'turns'}:
            errs.append('%s: extra keys' % iid)
        turns = c.get('turns') or []
        if not 3 <= len(turns) <= 5:
            errs.append('%s: %d turns' % (iid, len(turns)))
        used = set()
        cited_turns = 0
        for t in turns:
            if set(t) != {'user', 'parts'} or not isinstance(t['user'], str) or not t['user'].strip():
                errs.append('%s: bad turn %r' % (iid, t)); continue
            u = check_parts(iid, t['parts'], t['user'], allow_empty=True)
            cited_turns += bool(u)
            used |= u
        if cited_turns < 2:
            errs.append('%s: needs at least two cited turns' % iid)
        usage.update(used)

    for n, k in sorted(usage.items()):
        if k > 3:
            errs.append('task %d cited by %d items' % (n, k))
    if errs:
        print('\n'.join(errs))
        print('FAIL (%d problems)' % len(errs))
        sys.exit(1)
    print('tasks cited: %d of 172' % len(usage))
    print('OK')


if __name__ == '__main__':
    main()
