/* 今日淮北 (sample edition): page helpers, no network calls. */
function showToday(){
  var d=new Date();
  document.write(d.getFullYear()+"年"+(d.getMonth()+1)+"月"+d.getDate()+"日");
}
function setHome(o){return false;}
function addFav(){return false;}
function hitsCount(){return false;}
