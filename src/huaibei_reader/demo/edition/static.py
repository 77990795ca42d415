"""robots.txt, the style sheet and the script every page links (small, but real files)."""

ROBOTS_TXT = """# 今日淮北 (sample edition)
User-agent: *
Disallow: /admin/
Allow: /
"""

STYLE_CSS = """@charset "utf-8";
body{margin:0;font:14px/1.8 "Microsoft YaHei","SimSun",sans-serif;color:#333;background:#f5f5f5}
a{color:#333;text-decoration:none}a:hover{color:#c00}
.w1200{width:1200px;margin:0 auto}.fl{float:left}.fr{float:right}
.clearfix:after{content:"";display:block;clear:both}
.topbar{background:#eee;font-size:12px;line-height:30px}
.nav{background:#b4141e}.nav li{float:left;list-style:none}.nav a{color:#fff;padding:0 18px}
.nav .on a{background:#8c0f17}
.main{background:#fff;padding:15px}.left{width:820px}.right{width:330px}
.article h1{font-size:26px;text-align:center}.article .info{color:#999;text-align:center}
.summary{background:#f7f7f7;border:1px dashed #ddd;padding:8px;color:#666}
.source{color:#999;font-size:12px}.content p{margin:0 0 1em}
.editor{text-align:right;color:#999}.share a{margin-right:8px}
.related li{list-style:none;border-bottom:1px dotted #ddd}.related h3{font-size:16px}
.pages a,.pages span{display:inline-block;padding:0 8px;border:1px solid #ddd;margin:2px}
.pages .current{background:#b4141e;color:#fff}
.footer{background:#333;color:#aaa;font-size:12px;text-align:center;padding:10px 0}
.flink a{margin-right:10px;font-size:12px}
"""

COMMON_JS = """/* 今日淮北 (sample edition): page helpers, no network calls. */
function showToday(){
  var d=new Date();
  document.write(d.getFullYear()+"年"+(d.getMonth()+1)+"月"+d.getDate()+"日");
}
function setHome(o){return false;}
function addFav(){return false;}
function hitsCount(){return false;}
"""
