// `npm run deps` (part of `npm run lint`): the dependency rules of the architecture.
// Type-only imports count (tsPreCompilationDeps): a cycle through types still ties two folders' definitions together,
// so neither can be understood, moved or tested without the other.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-server-folder-cycle',
      severity: 'error',
      comment:
        'The feature folders of server/src depend on each other in one direction only: a cycle between two of them, through any path, ' +
        'means neither can change alone. Sub-folders of one feature (appeals/ and appeals/entities/) are one unit and may refer to each other.',
      scope: 'folder',
      from: { path: '^server/src/([^/]+)' },
      to: { circular: true, pathNot: '^server/src/$1(/|$)' },
    },
    {
      name: 'shared-stays-plain',
      severity: 'error',
      comment:
        'shared/ is the contract the server and the mini-program both compile in: plain TypeScript, so it imports only itself and the small ' +
        'schema library valibot. No framework (@nestjs, typeorm, react, @tarojs), no Node built-in, nothing of server/ or miniprogram/. ' +
        'Its unit tests (*.spec.ts) are built into neither side and may use test libraries (fast-check).',
      from: { path: '^shared/src/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: ['^shared/src/', '(^|/)node_modules/valibot/'] },
    },
    {
      name: 'miniprogram-not-server',
      severity: 'error',
      comment: 'The mini-program talks to the server over HTTP only; what both sides need is in shared/.',
      from: { path: '^miniprogram/' },
      to: { path: '^server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '\\.taro-cache'] },
    tsPreCompilationDeps: true,
    // The mini-program's `@/…` imports resolve through its tsconfig's paths; nothing else uses path aliases.
    tsConfig: { fileName: `${__dirname}/miniprogram/tsconfig.json` },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
