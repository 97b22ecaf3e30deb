'use strict';
// Errors from the Rust core in the agent's language. The core gives each error as
// {field, code, args, message}: `field` a path such as "crms[1].searchUrl", `code` a stable name,
// `message` English for logs. Here the code becomes the locale's "err_<code>" with the same
// arguments, and the path becomes labels ("CRM 2 › Search address"). A classic script, so the
// extension's pages load it with <script> and Node's tests with require().
(function (root) {
  const SEPARATOR = ' › ';
  // Paths the core names, each with its own label key "field_<path>".
  const TOP_LEVEL = ['webphoneUrl', 'defaultCountry', 'dock', 'dialWaitSeconds', 'crms', 'locked', 'sample'];
  const CRM_FIELDS = ['name', 'sites', 'searchUrl', 'popOn', 'popFor', 'popTarget', 'pageApi'];
  const CRM_PATH = /^crms\[(\d+)\](?:\.(\w+)(?:\[(\d+)\])?)?$/;

  // A label the locale lacks shows the path itself rather than nothing.
  const label = (t, key, subs, fallback) => t(key, subs) || fallback;
  const ordinal = (index) => String(Number(index) + 1);

  /** The field path in words: "" for the whole document. */
  function fieldLabel(field, t) {
    if (typeof field !== 'string' || field === '') return '';
    if (TOP_LEVEL.includes(field)) return label(t, `field_${field}`, undefined, field);
    // The Test field checks one CRM's template on its own, under the path "searchUrl".
    if (field === 'searchUrl') return label(t, 'field_crm_searchUrl', undefined, field);
    const crm = CRM_PATH.exec(field);
    if (!crm) return field;
    const [, index, part, item] = crm;
    const parts = [label(t, 'field_crm', [ordinal(index)], `crms[${index}]`)];
    if (part === 'sites' && item !== undefined) parts.push(label(t, 'field_crm_site', [ordinal(item)], `sites[${item}]`));
    else if (CRM_FIELDS.includes(part)) parts.push(label(t, `field_crm_${part}`, undefined, part));
    else if (part) parts.push(part);
    return parts.join(SEPARATOR);
  }

  /** One error in words: "CRM 2 › Search address: only http: and https: addresses are allowed". */
  function describe(error, t) {
    if (error == null || typeof error !== 'object') return String(error ?? '');
    const args = Array.isArray(error.args) ? error.args.map(String) : [];
    const known = typeof error.code === 'string' && error.code !== '' ? t(`err_${error.code}`, args) : '';
    const text = known || error.message || error.code || '';
    const where = fieldLabel(error.field, t);
    if (where) return `${where}: ${text}`;
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  root.myccErrors = { describe, fieldLabel };
  if (typeof module === 'object' && module) module.exports = root.myccErrors;
})(globalThis);
