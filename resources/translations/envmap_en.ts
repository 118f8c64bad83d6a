<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>BasemapControls</name>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="28"/>
        <source>无底图</source>
        <translation>No basemap</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="29"/>
        <source>OpenStreetMap</source>
        <translation>OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="30"/>
        <source>天地图矢量</source>
        <translation>Tianditu vector</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="31"/>
        <source>天地图影像</source>
        <translation>Tianditu imagery</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="32"/>
        <source>高德地图（GCJ-02）</source>
        <translation>AMap (GCJ-02)</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="44"/>
        <source>底图</source>
        <translation>Basemap</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="54"/>
        <source>预取武汉瓦片…</source>
        <translation>Prefetch Wuhan tiles…</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="57"/>
        <source>底图…</source>
        <translation>Basemap…</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="90"/>
        <source>天地图需要密钥：设置 → 底图…</source>
        <translation>Tianditu needs a key: Settings → Basemap…</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="108"/>
        <source>部分底图瓦片无法加载：</source>
        <translation>Some basemap tiles could not be loaded: </translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="117"/>
        <source>预取武汉瓦片</source>
        <translation>Prefetch Wuhan tiles</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="119"/>
        <source>请先在“视图 → 底图”中选择底图。</source>
        <translation>Choose a basemap first under “View → Basemap”.</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="122"/>
        <source>离线模式下不能预取。</source>
        <translation>Prefetching is not possible in offline mode.</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="132"/>
        <source>正在预取武汉瓦片…</source>
        <translation>Prefetching Wuhan tiles…</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="132"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="163"/>
        <source>预取完成，瓦片：</source>
        <translation>Prefetch finished, tiles: </translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="163"/>
        <source>，失败：</source>
        <translation>, failed: </translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_controls.py" line="167"/>
        <source>已取消预取</source>
        <translation>Prefetch cancelled</translation>
    </message>
</context>
<context>
    <name>BasemapDialog</name>
    <message>
        <location filename="../../desktop/basemap_dialog.py" line="81"/>
        <location filename="../../desktop/basemap_dialog.py" line="88"/>
        <source>底图</source>
        <translation>Basemap</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_dialog.py" line="91"/>
        <source>在天地图网站申请的密钥</source>
        <translation>The key you applied for on the Tianditu website</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_dialog.py" line="92"/>
        <source>天地图密钥 tk</source>
        <translation>Tianditu key (tk)</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_dialog.py" line="93"/>
        <source>离线模式（只用已缓存的瓦片）</source>
        <translation>Offline mode (cached tiles only)</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_dialog.py" line="100"/>
        <source>瓦片缓存上限</source>
        <translation>Tile cache limit</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_dialog.py" line="104"/>
        <source>系统代理</source>
        <translation>System proxy</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_dialog.py" line="104"/>
        <source>不用代理</source>
        <translation>No proxy</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_dialog.py" line="104"/>
        <source>手动代理</source>
        <translation>Manual proxy</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_dialog.py" line="109"/>
        <source>代理</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_dialog.py" line="112"/>
        <source>代理地址</source>
        <translation>Proxy address</translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message>
        <location filename="../../desktop/credentials.py" line="110"/>
        <source>此电脑没有可用的凭据存储：密码和密钥只保留到程序关闭。</source>
        <translation>No credential store on this PC: the password or key is kept until EnvMap closes.</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../../desktop/panels/details.py" line="38"/>
        <source>点击地图上的点位或区域查看详情</source>
        <translation>Click a site or area on the map to see its details</translation>
    </message>
</context>
<context>
    <name>FirstFrame</name>
    <message>
        <location filename="../../desktop/first_frame.py" line="1"/>
        <source>正在载入…</source>
        <translation>Loading…</translation>
    </message>
</context>
<context>
    <name>FolderNotice</name>
    <message>
        <location filename="../../desktop/app.py" line="119"/>
        <source>另一窗口正在使用此数据文件夹：保存依次进行，不丢失；对方的修改刷新后可见</source>
        <translation>Another window is using this data folder: saves take turns and nothing is lost; each window sees the other&apos;s changes after a refresh</translation>
    </message>
</context>
<context>
    <name>HtmlExportDialog</name>
    <message>
        <location filename="../../desktop/html_export.py" line="30"/>
        <source>导出HTML地图</source>
        <translation>Export HTML map</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="32"/>
        <location filename="../../desktop/html_export.py" line="68"/>
        <source>武汉环保行动地图</source>
        <translation>Wuhan EnvMap</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="33"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="36"/>
        <source>无底图（离线）</source>
        <translation>No basemap (offline)</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="37"/>
        <source>OpenStreetMap</source>
        <translation>OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="38"/>
        <source>天地图（需要密钥）</source>
        <translation>Tianditu (needs a key)</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="39"/>
        <source>高德地图（GCJ-02）</source>
        <translation>AMap (GCJ-02)</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="43"/>
        <source>底图</source>
        <translation>Basemap</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="46"/>
        <source>天地图密钥 tk</source>
        <translation>Tianditu key (tk)</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="47"/>
        <source>将密钥写入文件（收件人可看到）</source>
        <translation>Write the key into the file (recipients can see it)</translation>
    </message>
    <message>
        <location filename="../../desktop/html_export.py" line="49"/>
        <source>只导出当前筛选显示的点位</source>
        <translation>Only the sites the current filter shows</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <source>河流中心线</source>
        <translation>River centre line</translation>
    </message>
    <message>
        <source>水系（江河湖泊）</source>
        <translation>Water (rivers, lakes)</translation>
    </message>
    <message>
        <source>原址（已搬迁）</source>
        <translation>Former site (moved)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="22"/>
        <location filename="../../desktop/panels/layers.py" line="90"/>
        <source>行政区</source>
        <translation>Districts</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="23"/>
        <source>功能区</source>
        <translation>Functional zones</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="24"/>
        <source>水源保护区（示意）</source>
        <translation>Protection zones (schematic)</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="25"/>
        <source>河湖</source>
        <translation>Rivers</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="26"/>
        <source>点位</source>
        <translation>Sites</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="50"/>
        <source>图层</source>
        <translation>Layers</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="63"/>
        <source>图例</source>
        <translation>Legend</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="74"/>
        <source>虚线圆：位置不确定范围</source>
        <translation>Dashed circle: how far the location may be off</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="76"/>
        <source>视野内的点位不超过300个时显示</source>
        <translation>Drawn while at most 300 sites are in view</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="78"/>
        <source>黑边：用户导入并确认的点位</source>
        <translation>Dark edge: sites you imported and accepted</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="81"/>
        <source>筛选</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="88"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="89"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/layers.py" line="100"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="51"/>
        <source>武汉环保行动地图</source>
        <translation>Wuhan EnvMap</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="63"/>
        <source>点位详情</source>
        <translation>Site details</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="64"/>
        <source>原文</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="69"/>
        <source>图层与图例</source>
        <translation>Layers and legend</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="76"/>
        <source>措施表</source>
        <translation>Measures</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="154"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="155"/>
        <source>导出地图图片…</source>
        <translation>Export map image…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="157"/>
        <source>打印版面…</source>
        <translation>Print layout…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="159"/>
        <source>导出HTML地图…</source>
        <translation>Export HTML map…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="160"/>
        <source>导出整改台账（当前状态）…</source>
        <translation>Export rectification ledger (current status)…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="162"/>
        <source>导入文件…</source>
        <translation>Import document…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="165"/>
        <source>继续审核：</source>
        <translation>Resume review: </translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="169"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="170"/>
        <source>视图</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="172"/>
        <source>搜索…</source>
        <translation>Search…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="173"/>
        <source>全市</source>
        <translation>Fit to Wuhan</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="174"/>
        <source>缩放至所选</source>
        <translation>Zoom to selection</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="186"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="187"/>
        <source>状态库…</source>
        <translation>Status store…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="218"/>
        <source>登录状态库…</source>
        <translation>Log in to the status store…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="189"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="207"/>
        <source>状态库只读：</source>
        <translation>Status store read-only: </translation>
    </message>
    <message>
        <source>重置窗口布局</source>
        <translation>Reset window layout</translation>
    </message>
</context>
<context>
    <name>MeasuresPanel</name>
    <message>
        <location filename="../../desktop/panels/measures.py" line="60"/>
        <source>筛选措施…</source>
        <translation>Filter measures…</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/measures.py" line="72"/>
        <source>导出CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/measures.py" line="73"/>
        <source>导出XLSX</source>
        <translation>Export XLSX</translation>
    </message>
    <message>
        <source>仅所选点位</source>
        <translation>Selected site only</translation>
    </message>
    <message>
        <source>只列出地图上所选点位的措施</source>
        <translation>List only the measures of the site selected on the map</translation>
    </message>
    <message>
        <source>显示 %1 / 共 %2 条</source>
        <translation>%1 of %2 shown</translation>
    </message>
</context>
<context>
    <name>PrefetchDialog</name>
    <message>
        <location filename="../../desktop/basemap_dialog.py" line="141"/>
        <source>预取武汉瓦片</source>
        <translation>Prefetch Wuhan tiles</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_dialog.py" line="149"/>
        <source>从缩放级别</source>
        <translation>From zoom level</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_dialog.py" line="150"/>
        <source>到缩放级别</source>
        <translation>To zoom level</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_dialog.py" line="167"/>
        <source>瓦片：</source>
        <translation>Tiles: </translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_dialog.py" line="168"/>
        <source>约</source>
        <translation>about</translation>
    </message>
    <message>
        <location filename="../../desktop/basemap_dialog.py" line="170"/>
        <source>不能预取：</source>
        <translation>Cannot prefetch: </translation>
    </message>
</context>
<context>
    <name>PrintLayoutDialog</name>
    <message>
        <source>地图窗口中的选择框默认不打印</source>
        <translation>The map window's selection outline is not printed unless this is ticked</translation>
    </message>
    <message>
        <source>用红框标出所选点位</source>
        <translation>Outline the selected site in red</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="56"/>
        <source>打印版面</source>
        <translation>Print layout</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="61"/>
        <source>横向</source>
        <translation>Landscape</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="61"/>
        <source>纵向</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="66"/>
        <source>不附措施表</source>
        <translation>No measures table</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="70"/>
        <source>全市</source>
        <translation>All of Wuhan</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="70"/>
        <source>当前视图</source>
        <translation>Current view</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="71"/>
        <source>所选行政区</source>
        <translation>Selected district</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="73"/>
        <source>所选点位</source>
        <translation>Selected site</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="75"/>
        <source>PNG（300 dpi）</source>
        <translation>PNG (300 dpi)</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="77"/>
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="78"/>
        <source>方向</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="79"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="80"/>
        <source>副标题</source>
        <translation>Subtitle</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="81"/>
        <source>措施表（行政区）</source>
        <translation>Measures table (district)</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="82"/>
        <source>地图范围</source>
        <translation>Map extent</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="83"/>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="140"/>
        <source>保存版面</source>
        <translation>Save layout</translation>
    </message>
    <message>
        <location filename="../../desktop/print_dialog.py" line="153"/>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>打印预览…</source>
        <translation>Print preview…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>打印失败</source>
        <translation>Printing failed</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../desktop/review.py" line="53"/>
        <source>审核导入的文件</source>
        <translation>Review imported document</translation>
    </message>
    <message>
        <location filename="../../desktop/review.py" line="66"/>
        <source>在地图上点选位置</source>
        <translation>Pick location on the map</translation>
    </message>
    <message>
        <location filename="../../desktop/review.py" line="67"/>
        <source>接受</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../desktop/review.py" line="68"/>
        <source>拒绝</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../desktop/review.py" line="69"/>
        <source>完成审核</source>
        <translation>Finish review</translation>
    </message>
    <message>
        <location filename="../../desktop/review.py" line="71"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/review.py" line="72"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/review.py" line="73"/>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../desktop/review.py" line="74"/>
        <source>所在区</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../desktop/review.py" line="75"/>
        <source>需复核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../desktop/review.py" line="121"/>
        <source>未定位：请在地图上点选</source>
        <translation>No location: pick it on the map</translation>
    </message>
    <message>
        <location filename="../../desktop/review.py" line="129"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop/review.py" line="144"/>
        <source>新文件</source>
        <translation>new document</translation>
    </message>
    <message>
        <location filename="../../desktop/review.py" line="152"/>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/review.py" line="154"/>
        <source>文中写明</source>
        <translation>stated in the text</translation>
    </message>
    <message>
        <location filename="../../desktop/review.py" line="155"/>
        <source>由位置推定</source>
        <translation>derived from the location</translation>
    </message>
    <message>
        <location filename="../../desktop/review.py" line="187"/>
        <source>需要位置</source>
        <translation>Location needed</translation>
    </message>
    <message>
        <source>地名表（名称相同）</source>
        <translation>gazetteer (same name)</translation>
    </message>
    <message>
        <source>地名表（别名）</source>
        <translation>gazetteer (alias)</translation>
    </message>
    <message>
        <source>地名表（名称变体）</source>
        <translation>gazetteer (name variant)</translation>
    </message>
    <message>
        <source>地名表（地名）</source>
        <translation>gazetteer (locality)</translation>
    </message>
    <message>
        <source>天地图在线查询</source>
        <translation>Tianditu online lookup</translation>
    </message>
    <message>
        <source>高德在线查询</source>
        <translation>AMap online lookup</translation>
    </message>
    <message>
        <source>行政区中心</source>
        <translation>district centre</translation>
    </message>
    <message>
        <source>地图上点选</source>
        <translation>picked on the map</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../desktop/panels/search.py" line="19"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/panels/search.py" line="21"/>
        <source>名称、别名或措施内容</source>
        <translation>Name, alias or measure text</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>共享状态库以登录名记录，由服务器填写</source>
        <translation>The shared status store records your login; the server fills it in</translation>
    </message>
    <message>
        <location filename="../../desktop/status.py" line="34"/>
        <source>更新措施状态</source>
        <translation>Update measure status</translation>
    </message>
    <message>
        <location filename="../../desktop/status.py" line="42"/>
        <source>新状态</source>
        <translation>New status</translation>
    </message>
    <message>
        <location filename="../../desktop/status.py" line="46"/>
        <source>截至日期</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../../desktop/status.py" line="48"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/status.py" line="50"/>
        <source>验收依据（销号必填）</source>
        <translation>Acceptance evidence (needed to close out)</translation>
    </message>
    <message>
        <location filename="../../desktop/status.py" line="52"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../desktop/status.py" line="57"/>
        <location filename="../../desktop/status.py" line="61"/>
        <source>附件</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <source>销号须填写验收依据或选择附件。</source>
        <translation>Closing out needs acceptance evidence or an attachment.</translation>
    </message>
    <message>
        <source>附件不存在：</source>
        <translation>No such attachment file: </translation>
    </message>
    <message>
        <source>请填写记录人。</source>
        <translation>Please enter who records this.</translation>
    </message>
    <message>
        <source>无法记录</source>
        <translation>Cannot record</translation>
    </message>
    <message>
        <source>姓名或科室</source>
        <translation>Name or office</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
</context>
<context>
    <name>Tracking</name>
    <message>
        <location filename="../../desktop/status.py" line="209"/>
        <source>暂存的修改</source>
        <translation>Kept edits</translation>
    </message>
    <message>
        <location filename="../../desktop/status.py" line="210"/>
        <source>以下无法读取的暂存修改已移到一旁：</source>
        <translation>These kept edits could not be read and were moved aside:</translation>
    </message>
    <message>
        <location filename="../../desktop/status.py" line="163"/>
        <source>没有用户数据文件夹，无法保存</source>
        <translation>No user data folder: cannot keep the edit</translation>
    </message>
    <message>
        <location filename="../../desktop/status.py" line="165"/>
        <source>状态库暂不可用：此修改已保存在本机，连接恢复后自动提交</source>
        <translation>The status store is out of reach: this edit is kept on this PC and sent when the connection is back</translation>
    </message>
    <message>
        <location filename="../../desktop/status.py" line="172"/>
        <location filename="../../desktop/status.py" line="179"/>
        <source>状态库不可用，位置更正未保存</source>
        <translation>The status store is not available: the correction was not saved</translation>
    </message>
</context>
<context>
    <name>WindowExports</name>
    <message>
        <location filename="../../desktop/window_exports.py" line="27"/>
        <source>已导出：</source>
        <translation>Exported: </translation>
    </message>
    <message>
        <location filename="../../desktop/window_exports.py" line="31"/>
        <source>导出措施</source>
        <translation>Export measures</translation>
    </message>
    <message>
        <location filename="../../desktop/window_exports.py" line="39"/>
        <source>导出地图图片</source>
        <translation>Export map image</translation>
    </message>
    <message>
        <location filename="../../desktop/window_exports.py" line="53"/>
        <location filename="../../desktop/window_exports.py" line="95"/>
        <location filename="../../desktop/window_exports.py" line="136"/>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location filename="../../desktop/window_exports.py" line="78"/>
        <source>导出整改台账</source>
        <translation>Export rectification ledger</translation>
    </message>
    <message>
        <location filename="../../desktop/window_exports.py" line="105"/>
        <source>导出HTML地图</source>
        <translation>Export HTML map</translation>
    </message>
    <message>
        <location filename="../../desktop/window_exports.py" line="115"/>
        <source>正在导出HTML地图…</source>
        <translation>Exporting the HTML map…</translation>
    </message>
    <message>
        <location filename="../../desktop/window_exports.py" line="115"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/window_exports.py" line="138"/>
        <source>已取消导出</source>
        <translation>Export cancelled</translation>
    </message>
</context>
<context>
    <name>WindowImports</name>
    <message>
        <source>原文件已保留为：</source>
        <translation>The file was kept as: </translation>
    </message>
    <message>
        <source>无法继续审核：</source>
        <translation>Cannot continue the review: </translation>
    </message>
    <message>
        <source>无法继续审核</source>
        <translation>Cannot continue the review</translation>
    </message>
    <message>
        <location filename="../../desktop/window_imports.py" line="32"/>
        <source>导入文件</source>
        <translation>Import document</translation>
    </message>
    <message>
        <location filename="../../desktop/window_imports.py" line="34"/>
        <source>文件（Word、PDF、网页、文本）</source>
        <translation>Documents (Word, PDF, web page, text)</translation>
    </message>
    <message>
        <location filename="../../desktop/window_imports.py" line="36"/>
        <source>所有文件 (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/window_imports.py" line="46"/>
        <location filename="../../desktop/window_imports.py" line="53"/>
        <location filename="../../desktop/window_imports.py" line="93"/>
        <source>无法导入</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <location filename="../../desktop/window_imports.py" line="46"/>
        <source>没有用户数据文件夹</source>
        <translation>No user data folder</translation>
    </message>
    <message>
        <source>正在导入另一份文件</source>
        <translation>Another document is being imported</translation>
    </message>
    <message>
        <source>正在读取文件…</source>
        <translation>Reading the document…</translation>
    </message>
    <message>
        <location filename="../../desktop/window_imports.py" line="59"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/window_imports.py" line="95"/>
        <source>已取消导入：</source>
        <translation>Import cancelled: </translation>
    </message>
    <message>
        <location filename="../../desktop/window_imports.py" line="101"/>
        <source>文件日期</source>
        <translation>Document date</translation>
    </message>
    <message>
        <location filename="../../desktop/window_imports.py" line="102"/>
        <source>这份文件的日期（YYYY-MM-DD），用于“今年”“去年”等：</source>
        <translation>The document&apos;s date (YYYY-MM-DD), for “this year”, “last year” and the like:</translation>
    </message>
    <message>
        <source>（文件中写明的日期）</source>
        <translation> (as the document states it)</translation>
    </message>
    <message>
        <source>（文件中未写明日期，请填写）</source>
        <translation> (the document states no date: please give it)</translation>
    </message>
    <message>
        <location filename="../../desktop/window_imports.py" line="110"/>
        <source>日期无效</source>
        <translation>Invalid date</translation>
    </message>
    <message>
        <source>不是有效的日期：</source>
        <translation>Not a valid date: </translation>
    </message>
    <message>
        <source>请按 YYYY-MM-DD 填写，如 2024-05-20。</source>
        <translation>Please write it as YYYY-MM-DD, e.g. 2024-05-20.</translation>
    </message>
    <message>
        <location filename="../../desktop/window_imports.py" line="132"/>
        <source>已加入用户目录的点位：</source>
        <translation>Sites added to your catalog: </translation>
    </message>
</context>
<context>
    <name>WindowTracking</name>
    <message>
        <location filename="../../desktop/window_tracking.py" line="139"/>
        <source>本机状态库无需登录</source>
        <translation>A status store on this PC needs no login</translation>
    </message>
    <message>
        <location filename="../../desktop/window_tracking.py" line="0"/>
        <source>退回</source>
        <translation>Send back</translation>
    </message>
    <message>
        <location filename="../../desktop/window_tracking.py" line="0"/>
        <source>退回理由（必填）：</source>
        <translation>Why it is sent back (required):</translation>
    </message>
    <message>
        <location filename="../../desktop/window_tracking.py" line="35"/>
        <location filename="../../desktop/window_tracking.py" line="66"/>
        <source>无法记录</source>
        <translation>Cannot record</translation>
    </message>
    <message>
        <location filename="../../desktop/window_tracking.py" line="38"/>
        <source>已暂存</source>
        <translation>Kept for later</translation>
    </message>
    <message>
        <location filename="../../desktop/window_tracking.py" line="40"/>
        <source>已记录状态：</source>
        <translation>Status recorded: </translation>
    </message>
    <message>
        <location filename="../../desktop/window_tracking.py" line="45"/>
        <source>请在地图上点击该点位的正确位置</source>
        <translation>Click the site&apos;s correct location on the map</translation>
    </message>
    <message>
        <location filename="../../desktop/window_tracking.py" line="51"/>
        <location filename="../../desktop/window_tracking.py" line="56"/>
        <source>更正位置</source>
        <translation>Correct location</translation>
    </message>
    <message>
        <location filename="../../desktop/window_tracking.py" line="51"/>
        <source>依据（如现场核实）：</source>
        <translation>Basis (e.g. checked on site):</translation>
    </message>
    <message>
        <location filename="../../desktop/window_tracking.py" line="56"/>
        <source>精度（米）：</source>
        <translation>Precision (m):</translation>
    </message>
    <message>
        <location filename="../../desktop/window_tracking.py" line="72"/>
        <source>状态库</source>
        <translation>Status store</translation>
    </message>
    <message>
        <location filename="../../desktop/window_tracking.py" line="73"/>
        <source>数据库地址（留空＝本机SQLite；办公室共享用 postgresql+psycopg://…）：</source>
        <translation>Database address (empty = SQLite on this PC; for a shared office postgresql+psycopg://…):</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../desktop/roles.py" line="0"/>
        <source>状态库只读：修改已停用。</source>
        <translation>The status store is read-only: edits are disabled.</translation>
    </message>
    <message>
        <location filename="../../desktop/roles.py" line="0"/>
        <source>查看者</source>
        <translation>viewer</translation>
    </message>
    <message>
        <location filename="../../desktop/roles.py" line="0"/>
        <source>区编辑</source>
        <translation>district editor</translation>
    </message>
    <message>
        <location filename="../../desktop/roles.py" line="0"/>
        <source>审核人</source>
        <translation>reviewer</translation>
    </message>
    <message>
        <location filename="../../desktop/roles.py" line="0"/>
        <source>管理员</source>
        <translation>administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/roles.py" line="0"/>
        <source>数据库所有者</source>
        <translation>database owner</translation>
    </message>
    <message>
        <location filename="../../desktop/roles.py" line="0"/>
        <source>登录：</source>
        <translation>Logged in: </translation>
    </message>
</context>
<context>
    <name>WindowTools</name>
    <message>
        <source>+ / − 或鼠标滚轮</source>
        <translation>+ / − or the mouse wheel</translation>
    </message>
    <message>
        <source>全市</source>
        <translation>All of Wuhan</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>关于…</source>
        <translation>About…</translation>
    </message>
    <message>
        <source>双击或回车 / Esc</source>
        <translation>Double-click or Enter / Esc</translation>
    </message>
    <message>
        <source>在此放大</source>
        <translation>Zoom in here</translation>
    </message>
    <message>
        <source>地图工具</source>
        <translation>Map tools</translation>
    </message>
    <message>
        <source>地图放大/缩小</source>
        <translation>Zoom the map in/out</translation>
    </message>
    <message>
        <source>复制坐标 %1 (WGS84)</source>
        <translation>Copy coordinates %1 (WGS84)</translation>
    </message>
    <message>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>平移地图</source>
        <translation>Pan the map</translation>
    </message>
    <message>
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>快捷键…</source>
        <translation>Keyboard shortcuts…</translation>
    </message>
    <message>
        <source>按键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>方向键或拖动</source>
        <translation>Arrow keys or drag</translation>
    </message>
    <message>
        <source>查看详情：%1</source>
        <translation>Show details: %1</translation>
    </message>
    <message>
        <source>测距离</source>
        <translation>Measure distance</translation>
    </message>
    <message>
        <source>测面积</source>
        <translation>Measure area</translation>
    </message>
    <message>
        <source>结束测量 / 清除测量</source>
        <translation>Finish / clear a measurement</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>设置状态：%1</source>
        <translation>Set status: %1</translation>
    </message>
    <message>
        <source>识别/平移</source>
        <translation>Identify / pan</translation>
    </message>
    <message>
        <source>距离 %1</source>
        <translation>Distance %1</translation>
    </message>
    <message>
        <source>面积 %1 · 周长 %2</source>
        <translation>Area %1 · perimeter %2</translation>
    </message>
    <message>
        <source>（椭球面测量，双击结束）</source>
        <translation> (on the ellipsoid; double-click to finish)</translation>
    </message>
    <message>
        <source>武汉环保行动地图</source>
        <translation>Wuhan EnvMap</translation>
    </message>
    <message>
        <source>数据截至：</source>
        <translation>Data as of: </translation>
    </message>
    <message>
        <source>来源文件</source>
        <translation>Source documents</translation>
    </message>
    <message>
        <source>数据与许可</source>
        <translation>Data and licences</translation>
    </message>
    <message>
        <source>界面：Qt for Python (PySide6)，LGPL v3</source>
        <translation>Interface: Qt for Python (PySide6), LGPL v3</translation>
    </message>
    <message>
        <source>水源保护区为示意；仅供内部使用。</source>
        <translation>Source protection zones are schematic; for internal use only.</translation>
    </message>
</context>
<context>
    <name>ReadableTracking</name>
    <message>
        <location filename="../../desktop/store_opening.py" line="56"/>
        <source>只能查看，修改已停用。</source>
        <translation>view only, edits are disabled.</translation>
    </message>
    <message>
        <location filename="../../desktop/store_opening.py" line="88"/>
        <source>状态库又可以修改了。</source>
        <translation>The status store can be edited again.</translation>
    </message>
    <message>
        <location filename="../../desktop/store_opening.py" line="125"/>
        <source>未登录：可在“设置 → 登录状态库…”再次登录。</source>
        <translation>Not logged in: log in again with "Settings → Log in to the status store…".</translation>
    </message>
</context>
<context>
    <name>StoreOpening</name>
    <message>
        <location filename="../../desktop/store_opening.py" line="42"/>
        <source>正在载入状态…</source>
        <translation>Loading the statuses…</translation>
    </message>
</context>
<context>
    <name>StoreLoginDialog</name>
    <message>
        <location filename="../../desktop/store_login.py" line="21"/>
        <source>登录状态库</source>
        <translation>Log in to the status store</translation>
    </message>
    <message>
        <location filename="../../desktop/store_login.py" line="25"/>
        <source>服务器需要密码：</source>
        <translation>The server needs a password: </translation>
    </message>
    <message>
        <location filename="../../desktop/store_login.py" line="29"/>
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../desktop/store_login.py" line="32"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/store_login.py" line="33"/>
        <source>密码保存在系统的凭据存储中，不写入设置文件。</source>
        <translation>The password is kept in the system's credential store, never in the settings file.</translation>
    </message>
</context>
<context>
    <name>WriteFailure</name>
    <message>
        <source>无法写入</source>
        <translation>Cannot write</translation>
    </message>
</context>
</TS>
