import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Compilation, Compiler } from 'webpack';

/** The 字体大小 setting's multiplier on every font size (a local PostCSS plugin, run after pxtransform). */
const TYPE_SCALE = './config/postcss-type-scale.cjs';

/** The contract's files only the staff's subpackage uses (the transition bodies and their fields). */
const STAFF_ONLY_CONTRACT = /[\\/]shared[\\/]dist[\\/]contract[\\/](actions|fields)\.js$/;

/** Gives the staff-only contract files their own valibot module (its file, asked for with a query webpack keeps apart). */
class ValibotForStaff {
  apply(compiler: Compiler) {
    compiler.hooks.normalModuleFactory.tap('ValibotForStaff', (factory) => {
      factory.hooks.afterResolve.tap('ValibotForStaff', (data) => {
        const created = data.createData as { resource?: string; request?: string; userRequest?: string };
        if (data.request !== 'valibot' || !STAFF_ONLY_CONTRACT.test(data.contextInfo.issuer) || !created.resource) return;
        for (const key of ['resource', 'request', 'userRequest'] as const) created[key] = `${created[key]}?staff`;
      });
    });
  }
}

/** The form a sticker opens: its page's chunks are fetched with the app's bundle rather than after it has run. */
const FORM_PAGE = /[\\/]src[\\/]pages[\\/]submit[\\/]index\.tsx$/;

/** The files of the submit page's chunks (its script and style, and those of the chunks loaded with it), not the app's own. */
function formPageFiles(compilation: Compilation): Set<string> {
  const files = new Set<string>();
  for (const chunk of compilation.chunks) {
    const modules = [...compilation.chunkGraph.getChunkModulesIterable(chunk)] as Array<{ resource?: string; rootModule?: { resource?: string } }>;
    if (chunk.canBeInitial() || !modules.some((m) => FORM_PAGE.test(m.resource ?? m.rootModule?.resource ?? ''))) continue;
    for (const group of chunk.groupsIterable) for (const sibling of group.chunks) for (const file of sibling.files) files.add(file);
  }
  return files;
}

/**
 * The first screen of index.html on a weak signal. (1) `<link rel="preload">` for the submit page's chunks (script
 * and style): Taro loads a page's chunk when its router runs, which is after the app's bundle has arrived and run —
 * a second round trip and download in a row before the form can be drawn. (2) The app's stylesheet moved from the
 * head to the end of the body: in the head it holds back the first paint until it has arrived, and the form's
 * shell (drawn by index.html itself, before it) needs none of it; the app's deferred scripts still wait for it.
 */
class FirstScreen {
  apply(compiler: Compiler) {
    compiler.hooks.compilation.tap('FirstScreen', (compilation) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the copy Taro's H5 build registers
      const HtmlWebpackPlugin = require('html-webpack-plugin') as typeof import('html-webpack-plugin');
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap('FirstScreen', (data) => {
        const files = formPageFiles(compilation);
        const publicPath = String(compilation.outputOptions.publicPath ?? '/');
        for (const file of [...files].filter((f) => /\.(js|css)$/.test(f)).sort()) {
          data.headTags.push(HtmlWebpackPlugin.createHtmlTagObject('link', { rel: 'preload', as: file.endsWith('.css') ? 'style' : 'script', href: `${publicPath}${file}` }));
        }
        const stylesheets = data.headTags.filter((tag) => tag.tagName === 'link' && tag.attributes.rel === 'stylesheet');
        data.headTags = data.headTags.filter((tag) => !stylesheets.includes(tag));
        data.bodyTags.push(...stylesheets);
        return data;
      });
    });
  }
}

/**
 * V8's compile hint (https://v8.dev/blog/explicit-compile-hints) on the scripts the sticker's form runs before it is
 * drawn — the app's bundle and the form page's chunks: every function in them is compiled while the file arrives (on
 * a background thread) rather than each one on the main thread the first time it is called, as webpack's module
 * functions all are at start. Chromium 136 and later read it (WeChat's own browser is Chromium); any other browser
 * sees a comment. Added after the minifier, which would drop it.
 */
class CompileHints {
  apply(compiler: Compiler) {
    compiler.hooks.thisCompilation.tap('CompileHints', (compilation) => {
      const { Compilation, sources } = compiler.webpack;
      compilation.hooks.processAssets.tap({ name: 'CompileHints', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE }, (assets) => {
        const first = formPageFiles(compilation);
        for (const chunk of compilation.chunks) if (chunk.canBeInitial()) for (const file of chunk.files) first.add(file);
        for (const file of first) {
          if (file.endsWith('.js') && assets[file]) compilation.updateAsset(file, (source) => new sources.ConcatSource('//# allFunctionsCalledOnLoad\n', source));
        }
      });
    });
  }
}

/**
 * A brotli copy (`<file>.br`) of each script and stylesheet of the H5 build, made once here at the highest quality:
 * the server sends it to a browser that takes br (@fastify/static's preCompressed) — 15 % fewer bytes than the gzip
 * it makes per request (the form's first scripts: 155 KB instead of 182 KB), ~130 ms less at 1.6 Mbps.
 */
class BrotliCopies {
  apply(compiler: Compiler) {
    compiler.hooks.thisCompilation.tap('BrotliCopies', (compilation) => {
      const { Compilation, sources } = compiler.webpack;
      compilation.hooks.processAssets.tap({ name: 'BrotliCopies', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER }, (assets) => {
        for (const [file, source] of Object.entries(assets)) {
          if (!/\.(js|css)$/.test(file) || source.size() < 1024) continue;
          const packed = zlib.brotliCompressSync(source.buffer(), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
          compilation.emitAsset(`${file}.br`, new sources.RawSource(packed));
        }
      });
    });
  }
}

// Written by hand (taro init fetches templates from the internet). One design width, 375, for our
// styles and NutUI's alike; weapp and H5 builds go to their own folders (so one build does not overwrite the other).
export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'minqing-yimatong',
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      // Where the weapp build calls the server; H5 is served by the server itself and uses its origin.
      API_BASE: JSON.stringify(process.env.TARO_ENV === 'h5' ? '' : (process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000')),
      DEFAULT_ORG: JSON.stringify(process.env.TARO_APP_DEFAULT_ORG ?? 'cy'),
    },
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    // WeChat reads sitemap.json from the package (app.json's sitemapLocation), and the shared 公示's card picture
    // (pages/public/share.ts) by its package path, not as a module import; the H5 build has no use for either.
    copy: {
      patterns:
        process.env.TARO_ENV === 'weapp'
          ? [
              { from: 'src/sitemap.json', to: 'dist/weapp/sitemap.json' },
              { from: 'src/assets/share/report.png', to: 'dist/weapp/assets/share/report.png' },
            ]
          : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: true },
    logger: { quiet: true, stats: false },
    // Taro's minifier for mini-programs writes every non-ASCII character as a \uXXXX escape (6 bytes for a Chinese
    // character UTF-8 writes in 3): WeChat reads a mini-program's scripts as UTF-8, so the strings are written as they
    // are, as the H5 build always did (the same strings at run time, a smaller main package).
    terser: { enable: true, config: { output: { ascii_only: false } } },
    mini: {
      postcss: { pxtransform: { enable: true, config: {} }, cssModules: { enable: false }, [TYPE_SCALE]: { enable: true } },
      webpackChain(chain) {
        // valibot is one module, and webpack keeps, for every chunk that holds it, each of its functions any chunk
        // uses: the transition bodies (only the staff's appeal page checks them) would put theirs (numbers, regexes,
        // partial checks…) in the main package. Their contract files get a copy of their own, which only the staff's
        // subpackage holds; the same code, and valibot keeps no state the contract sets, so both answer alike.
        chain.plugin('valibot-for-staff').use(ValibotForStaff);
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false }, [TYPE_SCALE]: { enable: true } },
      webpackChain(chain) {
        chain.plugin('first-screen').use(FirstScreen);
        chain.module
          .rule('textarea-lines')
          .enforce('pre')
          .test(/[\\/]@tarojs[\\/]components[\\/]dist[\\/]components[\\/]taro-textarea-core\.js$/)
          .use('textarea-lines')
          .loader(path.resolve(__dirname, 'textarea-lines.cjs'));
        chain.plugin('compile-hints').use(CompileHints);
        chain.plugin('brotli-copies').use(BrotliCopies);
      },
    },
  };
  return config;
});
