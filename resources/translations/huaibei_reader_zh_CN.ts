<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
 <context>
  <name>AddSourceDialog</name>
  <message>
   <source>Add a source</source>
   <translation>添加来源</translation>
  </message>
  <message>
   <source>Address of a site or feed</source>
   <translation>网站或订阅源地址</translation>
  </message>
  <message>
   <source>(optional: taken from the site)</source>
   <translation>(可选:默认取网站名称)</translation>
  </message>
  <message>
   <source>Name</source>
   <translation>名称</translation>
  </message>
  <message>
   <source>Enter a web address starting with http:// or https://</source>
   <translation>请输入以 http:// 或 https:// 开头的网址</translation>
  </message>
 </context>
 <context>
  <name>ClipDialog</name>
  <message>
   <source>Clip</source>
   <translation>摘录</translation>
  </message>
  <message>
   <source>&amp;Quote</source>
   <translation>引文(&amp;Q)</translation>
  </message>
  <message>
   <source>Why this matters, whom to ask…</source>
   <translation>为什么重要、该问谁…</translation>
  </message>
  <message>
   <source>&amp;Note</source>
   <translation>笔记(&amp;N)</translation>
  </message>
  <message>
   <source>comma-separated, e.g. 社区, 采访</source>
   <translation>用逗号分隔,例如 社区, 采访</translation>
  </message>
  <message>
   <source>&amp;Tags</source>
   <translation>标签(&amp;T)</translation>
  </message>
  <message>
   <source>Citation &amp;style</source>
   <translation>引用格式(&amp;S)</translation>
  </message>
  <message>
   <source>Reference</source>
   <translation>参考文献</translation>
  </message>
  <message>
   <source>Save clipping</source>
   <translation>保存摘录</translation>
  </message>
  <message>
   <source>Copy with citation</source>
   <translation>连同引用一起复制</translation>
  </message>
 </context>
 <context>
  <name>ClippingsModel</name>
  <message>
   <source>Quote</source>
   <translation>引文</translation>
  </message>
  <message>
   <source>Note</source>
   <translation>笔记</translation>
  </message>
  <message>
   <source>Tags</source>
   <translation>标签</translation>
  </message>
  <message>
   <source>Source</source>
   <translation>来源</translation>
  </message>
  <message>
   <source>Article</source>
   <translation>文章</translation>
  </message>
  <message>
   <source>Clipped</source>
   <translation>摘录时间</translation>
  </message>
  <message>
   <source>Status</source>
   <translation>状态</translation>
  </message>
  <message>
   <source>changed</source>
   <translation>已变更</translation>
  </message>
  <message>
   <source>The article was edited: this quote is no longer in its text.</source>
   <translation>文章已被修改:这段引文已不在正文中。</translation>
  </message>
 </context>
 <context>
  <name>ClippingsView</name>
  <message>
   <source>Search quotes, notes, tags, titles</source>
   <extracomment>One write to the library: starts its operation, and what to do with its result.</extracomment>
   <translation>搜索引文、笔记、标签、标题</translation>
  </message>
  <message>
   <source>Any time</source>
   <translation>任意时间</translation>
  </message>
  <message>
   <source>Last 24 hours</source>
   <translation>最近 24 小时</translation>
  </message>
  <message>
   <source>Last 7 days</source>
   <translation>最近 7 天</translation>
  </message>
  <message>
   <source>Last 30 days</source>
   <translation>最近 30 天</translation>
  </message>
  <message>
   <source>Last year</source>
   <translation>最近一年</translation>
  </message>
  <message>
   <source>&amp;Edit…</source>
   <translation>编辑(&amp;E)…</translation>
  </message>
  <message>
   <source>&amp;Delete</source>
   <translation>删除(&amp;D)</translation>
  </message>
  <message>
   <source>&amp;Copy with citation</source>
   <translation>连同引用一起复制(&amp;C)</translation>
  </message>
  <message>
   <source>&amp;Open article</source>
   <translation>打开文章(&amp;O)</translation>
  </message>
  <message>
   <source>&amp;Undo</source>
   <translation>撤销(&amp;U)</translation>
  </message>
  <message>
   <source>&amp;Redo</source>
   <translation>重做(&amp;R)</translation>
  </message>
  <message>
   <source>Delete clipping</source>
   <translation>删除摘录</translation>
  </message>
  <message>
   <source>All tags</source>
   <translation>全部标签</translation>
  </message>
  <message>
   <source>All sources</source>
   <translation>全部来源</translation>
  </message>
  <message>
   <source>%1 of %2 clippings</source>
   <translation>%1 / %2 条摘录</translation>
  </message>
  <message numerus="yes">
   <source>Delete %n clipping(s)</source>
   <translation>
    <numerusform>删除 %n 条摘录</numerusform>
   </translation>
  </message>
 </context>
 <context>
  <name>ListController</name>
  <message>
   <source>%1 articles</source>
   <translation>%1 篇文章</translation>
  </message>
  <message>
   <source>No articles match “%1”.</source>
   <translation>没有与“%1”匹配的文章。</translation>
  </message>
  <message>
   <source>No unread articles.</source>
   <translation>没有未读文章。</translation>
  </message>
  <message>
   <source>No bookmarks yet: press B on an article to keep it here.</source>
   <translation>还没有收藏:在文章上按 B 即可收藏到这里。</translation>
  </message>
  <message>
   <source>No sources yet: add one with Ctrl+N.</source>
   <translation>还没有来源:按 Ctrl+N 添加。</translation>
  </message>
  <message>
   <source>No articles yet. Refresh (Ctrl+R) to fetch them.</source>
   <translation>还没有文章。刷新(Ctrl+R)即可获取。</translation>
  </message>
  <message>
   <source>Search saved in the sidebar.</source>
   <translation>搜索已保存到侧栏。</translation>
  </message>
  <message>
   <source>All marked as read.</source>
   <translation>已全部标为已读。</translation>
  </message>
 </context>
 <context>
  <name>MarksController</name>
  <message>
   <source>Select some text in the article to copy it with its citation.</source>
   <translation>请先在文章中选中要连同引用一起复制的文字。</translation>
  </message>
  <message>
   <source>Copied with citation.</source>
   <translation>已连同引用一起复制。</translation>
  </message>
  <message>
   <source>Select some text in the article to clip it.</source>
   <translation>请先在文章中选中要摘录的文字。</translation>
  </message>
  <message>
   <source>Clipping saved.</source>
   <translation>摘录已保存。</translation>
  </message>
  <message>
   <source>The library is still opening.</source>
   <translation>文库仍在打开中。</translation>
  </message>
 </context>
 <context>
  <name>PreferencesDialog</name>
  <message>
   <source>Preferences</source>
   <translation>首选项</translation>
  </message>
  <message>
   <source> min</source>
   <translation> 分钟</translation>
  </message>
  <message>
   <source>Never</source>
   <translation>从不</translation>
  </message>
  <message>
   <source>Refresh automatically every</source>
   <translation>自动刷新间隔</translation>
  </message>
  <message>
   <source>Refresh when the window opens</source>
   <translation>打开窗口时刷新</translation>
  </message>
  <message>
   <source> s</source>
   <translation> 秒</translation>
  </message>
  <message>
   <source>Pause between requests to one site</source>
   <translation>对同一网站的请求间隔</translation>
  </message>
  <message>
   <source>Requests at once to one site</source>
   <translation>对同一网站的并发请求数</translation>
  </message>
  <message>
   <source>No limit</source>
   <translation>不限</translation>
  </message>
  <message>
   <source>After each refresh the oldest articles go until the library fits; bookmarked and clipped ones stay.</source>
   <translation>每次刷新后删除最旧的文章,直到文库不超过上限;收藏和摘录过的文章会保留。</translation>
  </message>
  <message>
   <source>Library size limit</source>
   <translation>文库大小上限</translation>
  </message>
  <message>
   <source>none, or e.g. http://127.0.0.1:8080</source>
   <translation>不使用,或如 http://127.0.0.1:8080</translation>
  </message>
  <message>
   <source>Proxy</source>
   <translation>代理</translation>
  </message>
  <message>
   <source>Default Chinese font</source>
   <translation>默认中文字体</translation>
  </message>
  <message>
   <source>Reader font</source>
   <translation>阅读字体</translation>
  </message>
  <message>
   <source>Reader font size</source>
   <translation>阅读字号</translation>
  </message>
  <message>
   <source>Follow the system</source>
   <translation>跟随系统</translation>
  </message>
  <message>
   <source>Light</source>
   <translation>浅色</translation>
  </message>
  <message>
   <source>Dark</source>
   <translation>深色</translation>
  </message>
  <message>
   <source>Theme</source>
   <translation>主题</translation>
  </message>
  <message>
   <source>Language</source>
   <translation>语言</translation>
  </message>
  <message>
   <source>The proxy must start with http://, https:// or socks5://</source>
   <translation>代理地址须以 http://、https:// 或 socks5:// 开头</translation>
  </message>
 </context>
 <context>
  <name>ReaderPane</name>
  <message>
   <source>Find:</source>
   <extracomment>Comfortable measure: about this many CJK characters per line.</extracomment>
   <translation>查找:</translation>
  </message>
  <message>
   <source>Find in article</source>
   <translation>在文章中查找</translation>
  </message>
  <message>
   <source>Previous</source>
   <translation>上一个</translation>
  </message>
  <message>
   <source>Next</source>
   <translation>下一个</translation>
  </message>
  <message>
   <source>Close the find bar (Esc)</source>
   <translation>关闭查找栏(Esc)</translation>
  </message>
  <message>
   <source>This article changed after you bookmarked and clipped it.</source>
   <translation>本文在你收藏和摘录后有修改。</translation>
  </message>
  <message>
   <source>This article changed after you bookmarked it.</source>
   <translation>本文在你收藏后有修改。</translation>
  </message>
  <message>
   <source>This article changed after you clipped it.</source>
   <translation>本文在你摘录后有修改。</translation>
  </message>
  <message>
   <source>Back to the article</source>
   <translation>返回文章</translation>
  </message>
  <message>
   <source>Show changes</source>
   <translation>查看修改</translation>
  </message>
  <message numerus="yes">
   <source>%n clipping(s) no longer found in the current text:</source>
   <translation>
    <numerusform>%n 条摘录在当前正文中已找不到:</numerusform>
   </translation>
  </message>
  <message>
   <source>Changes from version %1 to version %2</source>
   <translation>从第 %1 版到第 %2 版的修改</translation>
  </message>
  <message>
   <source>Not found</source>
   <translation>未找到</translation>
  </message>
 </context>
 <context>
  <name>ReadingController</name>
  <message>
   <source>Bookmarked.</source>
   <translation>已收藏。</translation>
  </message>
  <message>
   <source>Bookmark removed.</source>
   <translation>已取消收藏。</translation>
  </message>
 </context>
 <context>
  <name>RefreshController</name>
  <message>
   <source>Refreshing…</source>
   <translation>正在刷新…</translation>
  </message>
  <message>
   <source>Cancelling…</source>
   <translation>正在取消…</translation>
  </message>
  <message>
   <source>Refreshing: %1</source>
   <translation>正在刷新:%1</translation>
  </message>
  <message>
   <source>Offline: the sources cannot be reached. Everything stored stays readable.</source>
   <translation>离线:无法连接各来源。已保存的内容仍可阅读。</translation>
  </message>
  <message>
   <source>Refresh finished: %1 new articles.</source>
   <translation>刷新完成:%1 篇新文章。</translation>
  </message>
  <message>
   <source>Offline: nothing could be fetched.</source>
   <translation>离线:未能获取任何内容。</translation>
  </message>
  <message>
   <source>%1 sources failed (see the sidebar).</source>
   <translation>%1 个来源失败(见侧栏)。</translation>
  </message>
  <message>
   <source>Refresh cancelled: %1 articles saved before it stopped.</source>
   <translation>刷新已取消:停止前已保存 %1 篇文章。</translation>
  </message>
  <message>
   <source>Refresh cancelled.</source>
   <translation>刷新已取消。</translation>
  </message>
  <message>
   <source>Refresh failed: %1</source>
   <translation>刷新失败:%1</translation>
  </message>
  <message>
   <source>%1 old articles removed to keep the library under its size limit.</source>
   <translation>已删除 %1 篇旧文章,使文库不超过大小上限。</translation>
  </message>
 </context>
 <context>
  <name>RelativeTime</name>
  <message>
   <source>just now</source>
   <translation>刚刚</translation>
  </message>
  <message>
   <source>%1 min ago</source>
   <translation>%1 分钟前</translation>
  </message>
  <message>
   <source>%1 h ago</source>
   <translation>%1 小时前</translation>
  </message>
  <message>
   <source>yesterday %1</source>
   <translation>昨天 %1</translation>
  </message>
 </context>
 <context>
  <name>ShortcutsDialog</name>
  <message>
   <source>Keyboard shortcuts</source>
   <translation>键盘快捷键</translation>
  </message>
  <message>
   <source>Action</source>
   <translation>操作</translation>
  </message>
  <message>
   <source>Keys</source>
   <translation>按键</translation>
  </message>
 </context>
 <context>
  <name>Sidebar</name>
  <message>
   <source>All articles</source>
   <translation>全部文章</translation>
  </message>
  <message>
   <source>Unread</source>
   <translation>未读</translation>
  </message>
  <message>
   <source>Bookmarks</source>
   <translation>收藏</translation>
  </message>
  <message>
   <source>Clippings</source>
   <translation>摘录</translation>
  </message>
  <message>
   <source>Sources</source>
   <translation>来源</translation>
  </message>
  <message>
   <source>Saved searches</source>
   <translation>已保存的搜索</translation>
  </message>
  <message>
   <source>Last refresh failed: %1</source>
   <translation>上次刷新失败:%1</translation>
  </message>
  <message>
   <source>Refresh this source</source>
   <translation>刷新此来源</translation>
  </message>
  <message>
   <source>Rename…</source>
   <translation>重命名…</translation>
  </message>
  <message>
   <source>Remove…</source>
   <translation>删除…</translation>
  </message>
  <message>
   <source>Remove saved search</source>
   <translation>删除已保存的搜索</translation>
  </message>
 </context>
 <context>
  <name>SourcesController</name>
  <message>
   <source>Looking at %1…</source>
   <translation>正在识别 %1…</translation>
  </message>
  <message>
   <source>Cannot add %1: %2</source>
   <translation>无法添加 %1:%2</translation>
  </message>
  <message>
   <source>feed</source>
   <translation>订阅源</translation>
  </message>
  <message>
   <source>site</source>
   <translation>网站</translation>
  </message>
  <message>
   <source>Added %1 (%2).</source>
   <translation>已添加 %1(%2)。</translation>
  </message>
  <message>
   <source>Rename source</source>
   <translation>重命名来源</translation>
  </message>
  <message>
   <source>New name:</source>
   <translation>新名称:</translation>
  </message>
  <message>
   <source>Remove source</source>
   <translation>删除来源</translation>
  </message>
  <message>
   <source>Remove “%1” and its articles from the library?</source>
   <translation>从文库中删除“%1”及其文章?</translation>
  </message>
  <message>
   <source>Removed %1.</source>
   <translation>已删除 %1。</translation>
  </message>
  <message>
   <source>Import OPML</source>
   <translation>导入 OPML</translation>
  </message>
  <message>
   <source>OPML files (*.opml *.xml)</source>
   <translation>OPML 文件 (*.opml *.xml)</translation>
  </message>
  <message>
   <source>Imported %1 sources.</source>
   <translation>已导入 %1 个来源。</translation>
  </message>
  <message>
   <source>Export OPML</source>
   <translation>导出 OPML</translation>
  </message>
  <message>
   <source>OPML files (*.opml)</source>
   <translation>OPML 文件 (*.opml)</translation>
  </message>
  <message>
   <source>Exported %1 sources.</source>
   <translation>已导出 %1 个来源。</translation>
  </message>
 </context>
 <context>
  <name>dialog</name>
  <message>
   <source>Edit clipping</source>
   <translation>编辑摘录</translation>
  </message>
 </context>
 <context>
  <name>view</name>
  <message>
   <source>Edit clipping</source>
   <translation>编辑摘录</translation>
  </message>
  <message>
   <source>Delete clipping</source>
   <translation>删除摘录</translation>
  </message>
 </context>
 <context>
  <name>MainWindow</name>
  <message>
   <source>&amp;Refresh</source>
   <translation>刷新(&amp;R)</translation>
  </message>
  <message>
   <source>Fetch new articles from every source (Ctrl+R)</source>
   <translation>从所有来源获取新文章(Ctrl+R)</translation>
  </message>
  <message>
   <source>Cancel refresh</source>
   <translation>取消刷新</translation>
  </message>
  <message>
   <source>Mark all as &amp;read</source>
   <translation>全部标为已读(&amp;R)</translation>
  </message>
  <message>
   <source>&amp;Unread only</source>
   <translation>只看未读(&amp;U)</translation>
  </message>
  <message>
   <source>&amp;Next article</source>
   <translation>下一篇(&amp;N)</translation>
  </message>
  <message>
   <source>&amp;Previous article</source>
   <translation>上一篇(&amp;P)</translation>
  </message>
  <message>
   <source>Page down, then next article</source>
   <translation>向下翻页,读完进入下一篇</translation>
  </message>
  <message>
   <source>&amp;Bookmark</source>
   <translation>收藏(&amp;B)</translation>
  </message>
  <message>
   <source>&amp;Open the original in the browser</source>
   <translation>在浏览器中打开原文(&amp;O)</translation>
  </message>
  <message>
   <source>&amp;Search the library</source>
   <translation>搜索文库(&amp;S)</translation>
  </message>
  <message>
   <source>&amp;Find in article</source>
   <translation>在文章中查找(&amp;F)</translation>
  </message>
  <message>
   <source>Zoom &amp;in</source>
   <translation>放大(&amp;I)</translation>
  </message>
  <message>
   <source>Zoom &amp;out</source>
   <translation>缩小(&amp;O)</translation>
  </message>
  <message>
   <source>&amp;Actual size</source>
   <translation>实际大小(&amp;A)</translation>
  </message>
  <message>
   <source>&amp;Add source…</source>
   <translation>添加来源(&amp;A)…</translation>
  </message>
  <message>
   <source>&amp;Import OPML…</source>
   <translation>导入 OPML(&amp;I)…</translation>
  </message>
  <message>
   <source>&amp;Export OPML…</source>
   <translation>导出 OPML(&amp;E)…</translation>
  </message>
  <message>
   <source>Sa&amp;ve this search</source>
   <translation>保存此搜索(&amp;V)</translation>
  </message>
  <message>
   <source>&amp;Clip selection…</source>
   <translation>摘录选中文字(&amp;C)…</translation>
  </message>
  <message>
   <source>Copy with &amp;citation</source>
   <translation>连同引用一起复制(&amp;I)</translation>
  </message>
  <message>
   <source>Copy the selection with a reference to the article</source>
   <translation>复制选中文字并附上文章的参考文献</translation>
  </message>
  <message>
   <source>&amp;Preferences…</source>
   <translation>首选项(&amp;P)…</translation>
  </message>
  <message>
   <source>&amp;Quit</source>
   <translation>退出(&amp;Q)</translation>
  </message>
  <message>
   <source>&amp;Keyboard shortcuts</source>
   <translation>键盘快捷键(&amp;K)</translation>
  </message>
  <message>
   <source>&amp;About Huaibei Reader</source>
   <translation>关于淮北阅读器(&amp;A)</translation>
  </message>
  <message>
   <source>Sample edition served at %1</source>
   <translation>示例版地址:%1</translation>
  </message>
  <message>
   <source>%1 — sample edition</source>
   <translation>%1 — 示例版</translation>
  </message>
  <message>
   <source>Published</source>
   <translation>发布时间</translation>
  </message>
  <message>
   <source>Source</source>
   <translation>来源</translation>
  </message>
  <message>
   <source>Reporters</source>
   <translation>记者</translation>
  </message>
  <message>
   <source>Open the original</source>
   <translation>打开原文</translation>
  </message>
  <message>
   <source>This page held no article text. The original is linked below.</source>
   <translation>此页面没有文章正文。原文链接见下方。</translation>
  </message>
  <message>
   <source>image not stored</source>
   <translation>图片未保存</translation>
  </message>
  <message>
   <source>Main</source>
   <translation>主工具栏</translation>
  </message>
  <message>
   <source>Search the library ( / )</source>
   <translation>搜索文库( / )</translation>
  </message>
  <message>
   <source>&amp;File</source>
   <translation>文件(&amp;F)</translation>
  </message>
  <message>
   <source>&amp;View</source>
   <translation>查看(&amp;V)</translation>
  </message>
  <message>
   <source>&amp;Article</source>
   <translation>文章(&amp;A)</translation>
  </message>
  <message>
   <source>&amp;Help</source>
   <translation>帮助(&amp;H)</translation>
  </message>
  <message>
   <source>Opening the library…</source>
   <translation>正在打开文库…</translation>
  </message>
  <message>
   <source>The library was damaged; it was moved aside to %1 and a new one started.</source>
   <translation>文库已损坏,已移至 %1,并新建了文库。</translation>
  </message>
  <message>
   <source>The library cannot be opened</source>
   <translation>无法打开文库</translation>
  </message>
  <message>
   <source>Loading…</source>
   <translation>正在加载…</translation>
  </message>
  <message>
   <source>Select an article</source>
   <translation>请选择一篇文章</translation>
  </message>
  <message>
   <source>j / k move through the list; Space reads on.</source>
   <translation>用 j / k 在列表中移动;空格键继续阅读。</translation>
  </message>
  <message>
   <source>Your library is empty. Add a news site or feed with “Add source” (Ctrl+N), or import an OPML file.</source>
   <translation>文库还是空的。用“添加来源”(Ctrl+N)添加新闻网站或订阅源,或导入 OPML 文件。</translation>
  </message>
  <message>
   <source>To try the reader first, open the sample edition.</source>
   <translation>想先试一试,可以打开示例版。</translation>
  </message>
  <message>
   <source>Open the sample edition</source>
   <translation>打开示例版</translation>
  </message>
  <message>
   <source>Add a source…</source>
   <translation>添加来源…</translation>
  </message>
  <message>
   <source>Welcome to Huaibei Reader</source>
   <translation>欢迎使用淮北阅读器</translation>
  </message>
  <message>
   <source>About Huaibei Reader</source>
   <translation>关于淮北阅读器</translation>
  </message>
  <message>
   <source>%1 %2: a desktop news reader for Chinese local news.</source>
   <translation>%1 %2:面向中文地方新闻的桌面阅读器。</translation>
  </message>
 </context>
</TS>
