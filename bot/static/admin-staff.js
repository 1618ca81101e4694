/* 吉速问 admin: staff accounts (admin only): create, role, (de)activate, reset, delete.
 *
 * Stable element ids (for browser tests):
 *   staff      #staff-new-btn (新建账号: shows the form), #staff-form (hidden until then),
 *              #staff-cancel, #staff-username, #staff-password, #staff-role, #staff-submit,
 *              #staff-list > li.staff-row[data-username][data-active] (select.staff-role-select,
 *              button[data-action="toggle" | "reset" | "delete"]), #staff-reset-form,
 *              #staff-reset-name, #staff-reset-password, #staff-reset-cancel
 */
(function () {
  'use strict';

  var A = window.JisuwenAdmin;
  var D = window.JisuwenDom;
  var $ = D.$, el = D.el, showMessage = D.showMessage;
  var detailText = A.detailText, showFieldErrors = A.showFieldErrors, api = A.api;
  var RANK = A.RANK, ROLE_ZH = A.ROLE_ZH;

  function onStaff(ev) {
    ev.preventDefault();
    var form = $('staff-form');
    form.querySelectorAll('.field-error').forEach(function (p) { p.textContent = ''; });
    var body = { username: $('staff-username').value.trim(), password: $('staff-password').value,
                 role: $('staff-role').value };
    api('POST', '/staff', { json: body }).then(function (r) {
      if (r.status === 201) {
        showMessage('ok', '已创建账号 ' + r.body.username + '（' + ROLE_ZH[r.body.role] + '）。');
        form.reset();
        showForm(false);
        loadStaff();
      } else if (r.status === 422) {
        showFieldErrors(form, r.body && r.body.fields, null);
      } else if (r.status) {
        showMessage('error', detailText(r.body, '创建失败（' + r.status + '）'));
      }
    });
  }

  function showForm(show) {
    $('staff-form').hidden = !show;
    $('staff-new-btn').hidden = show;
    if (show) $('staff-username').focus();
  }

  /* Staff list: role, deactivate/activate, reset password, delete (admin only). */
  function loadStaff() {
    api('GET', '/staff').then(function (r) {
      if (r.status !== 200) return;
      var ul = $('staff-list');
      D.clear(ul);
      r.body.forEach(function (u) {
        var li = el('li', 'staff-row');
        li.setAttribute('data-username', u.username);
        li.setAttribute('data-active', u.active ? 'true' : 'false');
        li.appendChild(el('span', 'staff-name', u.username + (u.active ? '' : '（已停用）')));
        var role = el('select', 'staff-role-select');
        role.setAttribute('aria-label', u.username + ' 的角色');
        Object.keys(RANK).forEach(function (k) {
          var o = el('option', '', ROLE_ZH[k]);
          o.value = k;
          o.selected = k === u.role;
          role.appendChild(o);
        });
        li.appendChild(role);
        [['toggle', u.active ? '停用' : '启用'], ['reset', '重置密码'], ['delete', '删除']]
          .forEach(function (a) {
            var b = el('button', 'btn btn-small' + (a[0] === 'delete' ? ' btn-danger' : ''), a[1]);
            b.type = 'button';
            b.setAttribute('data-action', a[0]);
            li.appendChild(b);
          });
        ul.appendChild(li);
      });
    });
  }

  function staffDone(r, text) {
    if (r.status === 200 || r.status === 204) {
      showMessage('ok', text);
    } else if (r.status) {
      showMessage('error', detailText(r.body, '操作失败（' + r.status + '）'));
    }
    loadStaff();
  }

  function onStaffList(ev) {
    var li = ev.target.closest('.staff-row');
    if (!li) return;
    var name = li.getAttribute('data-username');
    var path = '/staff/' + encodeURIComponent(name);
    if (ev.type === 'change' && ev.target.classList.contains('staff-role-select')) {
      var role = ev.target.value;
      api('PATCH', path, { json: { role: role } }).then(function (r) {
        staffDone(r, name + ' 的角色已改为' + ROLE_ZH[role] + '。');
      });
      return;
    }
    var b = ev.target.closest('button[data-action]');
    if (!b || ev.type !== 'click') return;
    var action = b.getAttribute('data-action');
    if (action === 'toggle') {
      var active = li.getAttribute('data-active') !== 'true';
      api('PATCH', path, { json: { active: active } }).then(function (r) {
        staffDone(r, name + (active ? ' 已启用。' : ' 已停用，其登录立即失效。'));
      });
    } else if (action === 'reset') {
      var form = $('staff-reset-form');
      form.hidden = false;
      form.setAttribute('data-username', name);
      $('staff-reset-name').textContent = name;
      $('staff-reset-password').value = '';
      $('staff-reset-password').focus();
    } else if (action === 'delete') {
      if (!b.hasAttribute('data-confirm')) {  // two clicks instead of a confirm() dialog
        b.setAttribute('data-confirm', '1');
        b.textContent = '确认删除';
        return;
      }
      api('DELETE', path).then(function (r) { staffDone(r, '已删除账号 ' + name + '。'); });
    }
  }

  function onStaffReset(ev) {
    ev.preventDefault();
    var form = $('staff-reset-form');
    var name = form.getAttribute('data-username');
    form.querySelectorAll('.field-error').forEach(function (p) { p.textContent = ''; });
    api('POST', '/staff/' + encodeURIComponent(name) + '/password',
        { json: { password: $('staff-reset-password').value } }).then(function (r) {
      if (r.status === 422) {
        showFieldErrors(form, r.body && r.body.fields, null);
        return;
      }
      if (r.status === 200) form.hidden = true;
      staffDone(r, name + ' 的密码已重置，其登录立即失效。');
    });
  }

  A.section({
    init: function () {
      $('staff-form').addEventListener('submit', onStaff);
      $('staff-new-btn').addEventListener('click', function () { showForm(true); });
      $('staff-cancel').addEventListener('click', function () {
        $('staff-form').reset();
        showForm(false);
      });
      $('staff-list').addEventListener('click', onStaffList);
      $('staff-list').addEventListener('change', onStaffList);
      $('staff-reset-form').addEventListener('submit', onStaffReset);
      $('staff-reset-cancel').addEventListener('click', function () {
        $('staff-reset-form').hidden = true;
      });
    },
    show: function () {
      if (!A.hasRole('admin')) return;
      showForm(false);
      loadStaff();
    }
  });
})();
