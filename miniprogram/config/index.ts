import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import path from 'node:path';
import type { Compiler } from 'webpack';

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
    // WeChat reads sitemap.json from the package (app.json's sitemapLocation); the H5 build has no use for it.
    copy: { patterns: process.env.TARO_ENV === 'weapp' ? [{ from: 'src/sitemap.json', to: 'dist/weapp/sitemap.json' }] : [], options: {} },
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
    },
  };
  return config;
});
