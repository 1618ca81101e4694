// 吉速问 demo mini-program: one page that embeds the jisuwen-chat component.
App({
  globalData: {
    // The gateway the chat talks to. In 吉速办 this is the deployed gateway's https origin, and
    // that origin must be a request合法域名 (mp.weixin.qq.com → 开发管理 → 开发设置 → 服务器域名).
    chatBaseUrl: 'https://jisuwen.example.gov.cn'
  }
});
