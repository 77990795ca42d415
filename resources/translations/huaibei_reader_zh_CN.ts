<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
 <context>
  <name>AddSourceDialog</name>
  <message>
   <source>Enter the address of a site or feed.</source>
   <extracomment>Stores what is found at an address (or a built-in source's name), with an optional name.</extracomment>
   <translation>请输入网站或订阅源的地址。</translation>
  </message>
  <message>
   <source>“%1” is not a web address: a host name cannot contain “%2”.</source>
   <translation>“%1”不是网址:主机名不能包含“%2”。</translation>
  </message>
  <message>
   <source>“%1” is not a web address: give one starting with http:// or https://, or a host such as www.morang.cn.</source>
   <translation>“%1”不是网址:请输入以 http:// 或 https:// 开头的地址,或 www.morang.cn 这样的主机名。</translation>
  </message>
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
   <source>Add</source>
   <translation>添加</translation>
  </message>
  <message>
   <source>Looking at %1…</source>
   <translation>正在识别 %1…</translation>
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
  <name>ClippingDetail</name>
  <message>
   <source>%1 clippings selected.</source>
   <translation>已选中 %1 条摘录。</translation>
  </message>
  <message>
   <source>Select a clipping to read its whole quote, note and citation.</source>
   <translation>选中一条摘录,即可查看完整的引文、笔记和引用。</translation>
  </message>
  <message>
   <source>The article was edited: this quote is no longer in its text.</source>
   <translation>文章已被修改:这段引文已不在正文中。</translation>
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
   <source>Article</source>
   <translation>文章</translation>
  </message>
  <message>
   <source>Source</source>
   <translation>来源</translation>
  </message>
  <message>
   <source>Clipped</source>
   <translation>摘录时间</translation>
  </message>
  <message>
   <source>Citation</source>
   <translation>引用</translation>
  </message>
 </context>
 <context>
  <name>ClippingsModel</name>
  <message>
   <source>Quote</source>
   <extracomment>Lines of a quote (or note) a row shows at most: enough to recognise it, while a screenful still lists several clippings. The whole text is in the detail pane and the tooltip. Widest the side columns are fitted to, in widths of one Chinese character (about two Latin letters): the quote column keeps most of the room (at the default window size, well over 40 % of the table). A header wider than this still gets its width, so none is cut off. Columns that fit their contents exactly: a date and a one-word flag, never long.</extracomment>
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
  <name>ContextMenus</name>
  <message>
   <source>&amp;Open the original in the browser</source>
   <translation>在浏览器中打开原文(&amp;O)</translation>
  </message>
  <message>
   <source>Remove &amp;bookmark</source>
   <translation>取消收藏(&amp;B)</translation>
  </message>
  <message>
   <source>&amp;Bookmark</source>
   <translation>收藏(&amp;B)</translation>
  </message>
  <message>
   <source>Mark as &amp;unread</source>
   <translation>标为未读(&amp;U)</translation>
  </message>
  <message>
   <source>Mark as &amp;read</source>
   <translation>标为已读(&amp;R)</translation>
  </message>
  <message>
   <source>Copy &amp;citation</source>
   <translation>复制引文(&amp;C)</translation>
  </message>
  <message>
   <source>E&amp;xport as</source>
   <translation>导出为(&amp;X)</translation>
  </message>
  <message>
   <source>Copied with citation.</source>
   <translation>已连同引用一起复制。</translation>
  </message>
  <message>
   <source>Citation copied.</source>
   <translation>已复制引文。</translation>
  </message>
  <message>
   <source>&amp;Open the article</source>
   <translation>打开文章(&amp;O)</translation>
  </message>
  <message>
   <source>Copy with &amp;citation</source>
   <translation>连同引文复制(&amp;C)</translation>
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
   <source>E&amp;xport all clippings as</source>
   <translation>导出全部摘录为(&amp;X)</translation>
  </message>
 </context>
 <context>
  <name>DataFolderDialog</name>
  <message>
   <source>The data folder cannot be used</source>
   <translation>无法使用数据文件夹</translation>
  </message>
  <message>
   <source>Choose another folder…</source>
   <translation>选择其他文件夹…</translation>
  </message>
  <message>
   <source>Read it read-only</source>
   <translation>以只读方式打开</translation>
  </message>
  <message>
   <source>Open the library that is there without changing it: reading and searching work; refreshing, bookmarks, clippings and new sources are off.</source>
   <translation>打开其中的文库但不作任何修改:可以阅读和搜索;刷新、收藏、摘录和添加来源不可用。</translation>
  </message>
  <message>
   <source>Quit</source>
   <translation>退出</translation>
  </message>
  <message>
   <source>That path is a file, not a folder.</source>
   <translation>该路径是一个文件,不是文件夹。</translation>
  </message>
  <message>
   <source>The folder cannot be created (%1).</source>
   <translation>无法创建该文件夹(%1)。</translation>
  </message>
  <message>
   <source>The folder is read-only (%1).</source>
   <translation>该文件夹是只读的(%1)。</translation>
  </message>
  <message>
   <source>The disk is full (%1).</source>
   <translation>磁盘已满(%1)。</translation>
  </message>
  <message>
   <source>The folder cannot be written (%1).</source>
   <translation>无法写入该文件夹(%1)。</translation>
  </message>
  <message>
   <source>Huaibei Reader keeps its library in %1, but it cannot use that folder. %2</source>
   <translation>淮北阅读器的文库保存在 %1,但无法使用该文件夹。%2</translation>
  </message>
  <message>
   <source>The library there can still be read without changes.</source>
   <translation>其中的文库仍可只读打开。</translation>
  </message>
 </context>
 <context>
  <name>ErrorText</name>
  <message>
   <source>%1 s</source>
   <translation>%1 秒</translation>
  </message>
  <message>
   <source>%1 min</source>
   <translation>%1 分钟</translation>
  </message>
  <message>
   <source>%1 h</source>
   <translation>%1 小时</translation>
  </message>
  <message>
   <source>%1 day(s)</source>
   <translation>%1 天</translation>
  </message>
  <message>
   <source>bad request</source>
   <translation>请求有误</translation>
  </message>
  <message>
   <source>login required</source>
   <translation>需要登录</translation>
  </message>
  <message>
   <source>payment required</source>
   <translation>需要付费</translation>
  </message>
  <message>
   <source>access forbidden</source>
   <translation>禁止访问</translation>
  </message>
  <message>
   <source>not found</source>
   <translation>页面不存在</translation>
  </message>
  <message>
   <source>method not allowed</source>
   <translation>不允许的请求方法</translation>
  </message>
  <message>
   <source>not acceptable</source>
   <translation>无法接受的请求</translation>
  </message>
  <message>
   <source>request timeout</source>
   <translation>请求超时</translation>
  </message>
  <message>
   <source>gone (removed for good)</source>
   <translation>已永久删除</translation>
  </message>
  <message>
   <source>too many requests: the server asks us to slow down</source>
   <translation>请求过多:服务器要求放慢速度</translation>
  </message>
  <message>
   <source>unavailable for legal reasons</source>
   <translation>因法律原因不可用</translation>
  </message>
  <message>
   <source>server error</source>
   <translation>服务器错误</translation>
  </message>
  <message>
   <source>bad gateway</source>
   <translation>网关错误</translation>
  </message>
  <message>
   <source>service unavailable</source>
   <translation>服务暂不可用</translation>
  </message>
  <message>
   <source>gateway timeout</source>
   <translation>网关超时</translation>
  </message>
  <message>
   <source>refused</source>
   <translation>被拒绝</translation>
  </message>
  <message>
   <source>asks us to wait %1 (HTTP %2)</source>
   <translation>要求等待 %1(HTTP %2)</translation>
  </message>
  <message>
   <source>unavailable (HTTP %1)</source>
   <translation>暂不可用(HTTP %1)</translation>
  </message>
  <message>
   <source>not reachable</source>
   <translation>无法连接</translation>
  </message>
  <message>
   <source>%1: %2, %3 articles skipped (%4 stored from the feed), will try on the next refresh.</source>
   <translation>%1:%2,跳过 %3 篇文章(其中 %4 篇按订阅源内容保存),下次刷新时再试。</translation>
  </message>
  <message>
   <source>%1: %2, %3 articles skipped, will try on the next refresh.</source>
   <translation>%1:%2,跳过 %3 篇文章,下次刷新时再试。</translation>
  </message>
  <message>
   <source>Timed out: %1 did not accept a connection within %2 s (%3).</source>
   <translation>超时:%1 在 %2 秒内没有接受连接(%3)。</translation>
  </message>
  <message>
   <source>Timed out: %1 sent nothing for %2 s (%3).</source>
   <translation>超时:%1 在 %2 秒内没有发送任何内容(%3)。</translation>
  </message>
  <message>
   <source>Cannot reach the proxy server while fetching %1; check the proxy settings.</source>
   <translation>获取 %1 时无法连接代理服务器;请检查代理设置。</translation>
  </message>
  <message>
   <source>Cannot connect securely to %1: its certificate is not valid (%2).</source>
   <translation>无法与 %1 建立安全连接:它的证书无效(%2)。</translation>
  </message>
  <message>
   <source>Cannot connect securely to %1: the secure connection failed (%2).</source>
   <translation>无法与 %1 建立安全连接:安全连接失败(%2)。</translation>
  </message>
  <message>
   <source>Too many redirects (more than %1): %2</source>
   <translation>重定向次数过多(超过 %1 次):%2</translation>
  </message>
  <message>
   <source>A SOCKS proxy is set, but SOCKS support (the PySocks package) is not installed; use an HTTP proxy or install it.</source>
   <translation>已设置 SOCKS 代理,但没有安装 SOCKS 支持(PySocks 软件包);请改用 HTTP 代理或安装它。</translation>
  </message>
  <message>
   <source>Not a usable web address: %1</source>
   <translation>不是可用的网址:%1</translation>
  </message>
  <message>
   <source>Not a web address (only http and https are fetched): %1</source>
   <translation>不是网址(只获取 http 和 https 地址):%1</translation>
  </message>
  <message>
   <source>Redirected to an address that is not on the web (only http and https are fetched): %1</source>
   <translation>被重定向到非网页地址(只获取 http 和 https 地址):%1</translation>
  </message>
  <message>
   <source>The server sent a broken compressed response: %1</source>
   <translation>服务器发来的压缩内容已损坏:%1</translation>
  </message>
  <message>
   <source>The server sent the page in a compression the reader cannot read: %1</source>
   <translation>服务器使用了阅读器无法读取的压缩格式:%1</translation>
  </message>
  <message>
   <source>The connection broke off while reading %1.</source>
   <translation>读取 %1 时连接中断。</translation>
  </message>
  <message>
   <source>Cannot find the server %1 (no such name, or offline): %2</source>
   <translation>找不到服务器 %1(域名不存在,或者没有联网):%2</translation>
  </message>
  <message>
   <source>Cannot connect to %1: connection refused (%2).</source>
   <translation>无法连接 %1:连接被拒绝(%2)。</translation>
  </message>
  <message>
   <source>%1 closed the connection before answering (%2).</source>
   <translation>%1 在回应之前关闭了连接(%2)。</translation>
  </message>
  <message>
   <source>Cannot connect to %1 (%2).</source>
   <translation>无法连接 %1(%2)。</translation>
  </message>
  <message>
   <source>Fetching %1 failed.</source>
   <translation>获取 %1 失败。</translation>
  </message>
  <message>
   <source>Too large: the page is more than %1 (%2).</source>
   <translation>页面过大:超过 %1(%2)。</translation>
  </message>
  <message>
   <source>The site's robots.txt does not allow reading %1.</source>
   <translation>该网站的 robots.txt 不允许读取 %1。</translation>
  </message>
  <message>
   <source>Refused: %1 is a local address; local addresses are read only for sources you allow (%2).</source>
   <translation>已拒绝:%1 是本地地址;只有你允许的来源才会读取本地地址(%2)。</translation>
  </message>
  <message>
   <source>Refused: a redirect from a public address led to the local address %1 (%2).</source>
   <translation>已拒绝:公网地址重定向到了本地地址 %1(%2)。</translation>
  </message>
  <message>
   <source>Not a web page but a file (%1).</source>
   <translation>这不是网页,而是一个文件(%1)。</translation>
  </message>
  <message>
   <source>This is binary data, not a web page.</source>
   <translation>这是二进制数据,不是网页。</translation>
  </message>
  <message>
   <source>The disk is full (or the library reached its size limit); free some space and try again. Nothing already stored was lost.</source>
   <translation>磁盘已满(或文库已达到大小上限);请腾出空间后重试。已保存的内容没有丢失。</translation>
  </message>
  <message>
   <source>The library file is read-only.</source>
   <translation>文库文件是只读的。</translation>
  </message>
  <message>
   <source>The library is in use by another Huaibei Reader (waited %1 s); close the other one and try again.</source>
   <translation>文库正被另一个淮北阅读器使用(已等待 %1 秒);请关闭另一个后重试。</translation>
  </message>
  <message>
   <source>The library file is damaged (%1); restart the app to move it aside and start a fresh library.</source>
   <translation>文库文件已损坏(%1);请重启程序,把它移到一旁并新建文库。</translation>
  </message>
  <message>
   <source>The library file cannot be opened (%1).</source>
   <translation>无法打开文库文件(%1)。</translation>
  </message>
  <message>
   <source>The disk reported an error (%1).</source>
   <translation>磁盘报告了错误(%1)。</translation>
  </message>
  <message>
   <source>The library is closed.</source>
   <translation>文库已关闭。</translation>
  </message>
  <message>
   <source>Cannot read the library %1: %2</source>
   <translation>无法读取文库 %1:%2</translation>
  </message>
  <message>
   <source>The library %1 is damaged and could not be moved aside: %2</source>
   <translation>文库 %1 已损坏,且无法移到一旁:%2</translation>
  </message>
  <message>
   <source>The folder of the library does not exist: %1</source>
   <translation>文库所在的文件夹不存在:%1</translation>
  </message>
  <message>
   <source>Cannot open the library %1: the file system does not support the write-ahead log SQLite needs.</source>
   <translation>无法打开文库 %1:该文件系统不支持 SQLite 需要的预写日志。</translation>
  </message>
  <message>
   <source>The file %1 is not a library made by this app.</source>
   <translation>文件 %1 不是本程序建立的文库。</translation>
  </message>
  <message>
   <source>This library was made by a newer version of Huaibei Reader (schema %1; this version knows up to %2); update the app or use another data folder.</source>
   <translation>这个文库由更新版本的淮北阅读器建立(结构版本 %1,本版本最高支持 %2);请更新程序或使用另一个数据文件夹。</translation>
  </message>
  <message>
   <source>Cannot create the data folder %1: %2</source>
   <translation>无法创建数据文件夹 %1:%2</translation>
  </message>
  <message>
   <source>Cannot read %1: %2</source>
   <translation>无法读取 %1:%2</translation>
  </message>
  <message>
   <source>Cannot write %1: %2</source>
   <translation>无法写入 %1:%2</translation>
  </message>
  <message>
   <source>%1 already exists.</source>
   <translation>%1 已存在。</translation>
  </message>
  <message>
   <source>No Chinese font is installed (install Noto CJK or Source Han).</source>
   <translation>没有安装中文字体(请安装 Noto CJK 或 Source Han)。</translation>
  </message>
  <message>
   <source>Cancelled.</source>
   <translation>已取消。</translation>
  </message>
  <message>
   <source>Cannot write %1: the folder is on a read-only file system.</source>
   <translation>无法写入 %1:文件夹位于只读文件系统上。</translation>
  </message>
  <message>
   <source>Cannot write %1: no permission to write in its folder.</source>
   <translation>无法写入 %1:没有该文件夹的写入权限。</translation>
  </message>
  <message>
   <source>Cannot write %1: the disk is full; free some space and try again.</source>
   <translation>无法写入 %1:磁盘已满;请腾出空间后重试。</translation>
  </message>
  <message>
   <source>Cannot write %1: its folder does not exist.</source>
   <translation>无法写入 %1:所在的文件夹不存在。</translation>
  </message>
  <message>
   <source>Cannot write %1: it is a folder; give a file name.</source>
   <translation>无法写入 %1:这是一个文件夹;请给出文件名。</translation>
  </message>
  <message>
   <source>Refused: %1</source>
   <translation>已拒绝:%1</translation>
  </message>
  <message>
   <source>Network error: %1</source>
   <translation>网络错误:%1</translation>
  </message>
  <message>
   <source>No article on this page: %1</source>
   <translation>这个页面没有文章:%1</translation>
  </message>
  <message>
   <source>Library error: %1</source>
   <translation>文库错误:%1</translation>
  </message>
  <message>
   <source>Cannot use this: %1</source>
   <translation>无法使用:%1</translation>
  </message>
  <message>
   <source>Something went wrong: %1</source>
   <translation>出了问题:%1</translation>
  </message>
  <message>
   <source>%1 (HTTP %2): %3</source>
   <translation>%1(HTTP %2):%3</translation>
  </message>
  <message>
   <source>(it asks us to wait %1 before trying again)</source>
   <translation>(对方要求等待 %1 后再试)</translation>
  </message>
  <message>
   <source>%1: %2; skipped in this refresh.</source>
   <translation>%1:%2;本次刷新已跳过。</translation>
  </message>
 </context>
 <context>
  <name>ExportController</name>
  <message>
   <source>&amp;Markdown</source>
   <translation>Markdown(&amp;M)</translation>
  </message>
  <message>
   <source>&amp;HTML</source>
   <translation>HTML(&amp;H)</translation>
  </message>
  <message>
   <source>&amp;PDF</source>
   <translation>PDF(&amp;P)</translation>
  </message>
  <message>
   <source>&amp;Word</source>
   <translation>Word(&amp;W)</translation>
  </message>
  <message>
   <source>Plain &amp;text</source>
   <translation>纯文本(&amp;T)</translation>
  </message>
  <message>
   <source>&amp;JSON</source>
   <translation>JSON(&amp;J)</translation>
  </message>
  <message>
   <source>Web &amp;archive (WARC)</source>
   <translation>网页存档 WARC(&amp;A)</translation>
  </message>
  <message>
   <source>E&amp;xport</source>
   <translation>导出(&amp;X)</translation>
  </message>
  <message>
   <source>&amp;This article</source>
   <translation>当前文章(&amp;T)</translation>
  </message>
  <message>
   <source>All &amp;bookmarks</source>
   <translation>全部收藏(&amp;B)</translation>
  </message>
  <message>
   <source>All &amp;clippings</source>
   <translation>全部摘录(&amp;C)</translation>
  </message>
  <message>
   <source>Choose an article in the list first.</source>
   <translation>请先在列表中选择一篇文章。</translation>
  </message>
  <message>
   <source>An export is already running.</source>
   <translation>已有导出正在进行。</translation>
  </message>
  <message>
   <source>Export “%1”</source>
   <translation>导出“%1”</translation>
  </message>
  <message>
   <source>%1 files (*.%2)</source>
   <translation>%1 文件 (*.%2)</translation>
  </message>
  <message>
   <source>Exporting “%1”…</source>
   <translation>正在导出“%1”…</translation>
  </message>
  <message>
   <source>Cancel</source>
   <translation>取消</translation>
  </message>
  <message>
   <source>Export</source>
   <translation>导出</translation>
  </message>
  <message>
   <source>Exported %1 entries to %2.</source>
   <translation>已导出 %1 项到 %2。</translation>
  </message>
  <message>
   <source>%1 clippings are no longer in their article's current text (marked in the export).</source>
   <translation>%1 条摘录已不在文章当前正文中(导出中已标明)。</translation>
  </message>
  <message>
   <source>Export cancelled.</source>
   <translation>导出已取消。</translation>
  </message>
  <message>
   <source>Export failed: %1</source>
   <translation>导出失败:%1</translation>
  </message>
 </context>
 <context>
  <name>FirstRun</name>
  <message>
   <source>Your library is empty. Follow a news site or feed to start, or import the sources you follow elsewhere from an OPML file.</source>
   <translation>文库还是空的。关注一个新闻网站或订阅源即可开始,也可以从 OPML 文件导入在别处关注的来源。</translation>
  </message>
  <message>
   <source>Follow %1</source>
   <translation>关注%1</translation>
  </message>
  <message>
   <source>Import OPML…</source>
   <translation>导入 OPML…</translation>
  </message>
  <message>
   <source>Add a source…</source>
   <translation>添加来源…</translation>
  </message>
  <message>
   <source>Open the sample edition</source>
   <translation>打开示例版</translation>
  </message>
  <message>
   <source>Welcome to Huaibei Reader</source>
   <translation>欢迎使用淮北阅读器</translation>
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
   <source>Refreshing %1: %2 of %3 articles</source>
   <translation>正在刷新 %1:第 %2 篇,共 %3 篇</translation>
  </message>
  <message>
   <source>Refreshing %1…</source>
   <translation>正在刷新 %1…</translation>
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
  <name>SalvageText</name>
  <message>
   <source>%n source(s)</source>
   <translation>%n 个来源</translation>
  </message>
  <message>
   <source>%n bookmark(s)</source>
   <translation>%n 个收藏</translation>
  </message>
  <message>
   <source>%n clipping(s)</source>
   <translation>%n 条摘录</translation>
  </message>
  <message>
   <source>%n article(s)</source>
   <translation>%n 篇文章</translation>
  </message>
  <message>
   <source>, </source>
   <translation>、</translation>
  </message>
  <message>
   <source>The library was damaged; it was moved aside to %1 and a new one started.</source>
   <translation>文库已损坏,已移至 %1,并新建了文库。</translation>
  </message>
  <message>
   <source>Copied from the damaged library: %1.</source>
   <translation>已从损坏的文库中复制:%1。</translation>
  </message>
  <message>
   <source>Nothing could be read from the damaged library.</source>
   <translation>损坏的文库中没有可读取的内容。</translation>
  </message>
  <message>
   <source>Could not be read: %1.</source>
   <translation>无法读取:%1。</translation>
  </message>
  <message>
   <source>Parts of your bookmarks, clippings or sources were damaged; some of them may be missing.</source>
   <translation>部分收藏、摘录或来源已损坏,其中一些可能缺失。</translation>
  </message>
  <message>
   <source>%1 could not be read; a refresh fetches them again.</source>
   <translation>%1无法读取;刷新时会重新获取。</translation>
  </message>
  <message>
   <source>Copying stopped before the end; the rest is still in the damaged file.</source>
   <translation>复制未能完成;其余内容仍保存在损坏的文件中。</translation>
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
   <source>Cannot add the source. %1</source>
   <translation>无法添加来源。%1</translation>
  </message>
  <message>
   <source>Following %1…</source>
   <translation>正在关注 %1…</translation>
  </message>
  <message>
   <source>Cannot follow %1: %2</source>
   <translation>无法关注 %1:%2</translation>
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
  <message>
   <source>Choose a folder for the library</source>
   <translation>为文库选择文件夹</translation>
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
   <source>&amp;Mark all as read</source>
   <translation>全部标为已读(&amp;M)</translation>
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
   <source>Page &amp;down, then next article</source>
   <translation>向下翻页,读完进入下一篇(&amp;D)</translation>
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
   <source>Copy with ci&amp;tation</source>
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
   <source>Sample edition served at %1</source>
   <translation>示例版地址:%1</translation>
  </message>
  <message>
   <source>Internal error (%1); details in %2</source>
   <translation>内部错误(%1);详情见 %2</translation>
  </message>
  <message>
   <source>Huaibei Reader</source>
   <translation>淮北阅读器</translation>
  </message>
  <message>
   <source>%1 — Sample edition</source>
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
   <source>Opening the library…</source>
   <translation>正在打开文库…</translation>
  </message>
  <message>
   <source>Read-only: the library in %1 cannot be changed, so refreshing, bookmarks, clippings and new sources are off. Reading and searching work.</source>
   <translation>只读:%1 中的文库不能修改,因此刷新、收藏、摘录和添加来源不可用;阅读和搜索照常。</translation>
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
   <source>About Huaibei Reader</source>
   <translation>关于淮北阅读器</translation>
  </message>
  <message>
   <source>%1 %2: a desktop news reader for Chinese local news.</source>
   <translation>%1 %2:面向中文地方新闻的桌面阅读器。</translation>
  </message>
 </context>
</TS>
