// Demo page: the chat fills the screen; the base URL comes from app.js (globalData).
Page({
  data: {
    chatBaseUrl: getApp().globalData.chatBaseUrl
  },
  onReply: function () {
    // A host page can listen to bind:reply (e.g. for its own analytics); the demo needs nothing.
  }
});
