// 字体大小 (标准 / 大 / 特大, set on 我的): every font size of every stylesheet, ours and the pages' alike, is
// multiplied by --mq-type-scale, which the page's root sets (components/type-size). Run after pxtransform, so
// the sizes arrive as rpx (weapp) or rem (H5); a relative size (em, %) already follows its parent and is left
// alone, as is an uppercase PX, which Taro keeps fixed on purpose.
const ABSOLUTE = /^-?(\d+|\d*\.\d+)(px|rpx|rem|vw)$/;

module.exports = () => ({
  postcssPlugin: 'mq-type-scale',
  Declaration: {
    'font-size': (decl) => {
      const value = decl.value.trim();
      if (ABSOLUTE.test(value)) decl.value = `calc(${value} * var(--mq-type-scale, 1))`;
    },
  },
});
module.exports.postcss = true;
