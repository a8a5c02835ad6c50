// The API contract, declared once: every body, query and response as a valibot schema, the types
// inferred from them, and the one mapping from a failed schema to the FieldErrors the API answers.
export * from './rules.js';
export * from './fields.js';
export * from './appeals.js';
export * from './staff-appeals.js';
export * from './appeal-views.js';
export * from './actions.js';
export * from './profile.js';
export * from './auth.js';
export * from './public.js';
export * from './me.js';
export * from './staff.js';
export * from './admin.js';
export * from './relief.js';
export * from './reports.js';
export * from './report-export.js';
export * from './simulator.js';
export * from './reveal.js';
export * from './notes.js';
export * from './overdue-board.js';
export * from './support.js';
export * from './canned-replies.js';
