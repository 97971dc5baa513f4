<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="34"/>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="108"/>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="120"/>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="133"/>
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="38"/>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="39"/>
        <source>Start cloud worker…</source>
        <translation>클라우드 워커 시작…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="43"/>
        <source>Cloud GPU worker</source>
        <translation>클라우드 GPU 워커</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="45"/>
        <source>Instance</source>
        <translation>인스턴스</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="46"/>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="53"/>
        <source>Starting the cloud worker costs money while it runs. ScanDesk never stops it; it stops itself when the central queue is empty.</source>
        <translation>클라우드 워커는 실행되는 동안 비용이 발생합니다. ScanDesk는 워커를 중지하지 않으며, 중앙 대기열이 비면 워커가 스스로 중지합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="75"/>
        <source>starting</source>
        <translation>시작하는 중</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="75"/>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="75"/>
        <source>stopping</source>
        <translation>멈추는 중</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="76"/>
        <source>stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="76"/>
        <source>shutting down</source>
        <translation>종료하는 중</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="77"/>
        <source>terminated</source>
        <translation>종료됨</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="83"/>
        <source>{instance}: it was {before} already; now {after}</source>
        <translation>{instance}: 이미 {before} 상태였습니다. 지금은 {after}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="86"/>
        <source>{instance}: start requested; still {after} when the wait ran out</source>
        <translation>{instance}: 시작을 요청했습니다. 기다리는 시간이 끝났을 때 아직 {after}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="88"/>
        <source>{instance}: start requested; now {after}</source>
        <translation>{instance}: 시작을 요청했습니다. 지금은 {after}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="95"/>
        <source>Cloud region</source>
        <translation>클라우드 리전</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="97"/>
        <source>Cloud instance id</source>
        <translation>클라우드 인스턴스 ID</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="100"/>
        <source>Fill in {fields} on the Settings tab first.</source>
        <translation>먼저 설정 탭에서 {fields}을(를) 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="121"/>
        <source>No AWS credentials were found: fill in “AWS profile” on the Settings tab (a profile of the AWS config files), or set AWS_PROFILE.</source>
        <translation>AWS 자격 증명을 찾지 못했습니다: 설정 탭의 “AWS 프로필”에 AWS 설정 파일의 프로필을 입력하거나 AWS_PROFILE을 설정하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="140"/>
        <source>Start the cloud worker?</source>
        <translation>클라우드 워커를 시작할까요?</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="141"/>
        <source>Start the academy&apos;s cloud GPU worker {instance}? It is billed while it runs.</source>
        <translation>학원의 클라우드 GPU 워커 {instance}를 시작할까요? 실행되는 동안 요금이 부과됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="150"/>
        <source>Starting…</source>
        <translation>시작하는 중…</translation>
    </message>
</context>
<context>
    <name>AnswerKeyEditor</name>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="35"/>
        <source>Answer key</source>
        <translation>정답표</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="41"/>
        <source>Answer (1-5; several: 1,3)</source>
        <translation>정답 (1-5, 여러 개: 1,3)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="41"/>
        <source>Points</source>
        <translation>배점</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="47"/>
        <source>Give every question these points</source>
        <translation>모든 문항에 이 배점 주기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="53"/>
        <source>Type the answer of each question; a question with several right answers takes them separated by commas. Saved as {file}.</source>
        <translation>문항마다 정답을 입력하세요. 정답이 여러 개인 문항은 쉼표로 구분합니다. {file}(으)로 저장됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="60"/>
        <source>Questions:</source>
        <translation>문항 수:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="107"/>
        <source>Not saved: question {n} has no answer.</source>
        <translation>저장하지 않음: {n}번 문항에 정답이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="109"/>
        <source>Not saved: question {n}: points must be a number above 0, not “{text}”.</source>
        <translation>저장하지 않음: {n}번 문항: 배점은 0보다 큰 숫자여야 합니다 (“{text}” 아님).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="111"/>
        <source>Not saved: question {n}: answers are 1 to 5, not “{text}”.</source>
        <translation>저장하지 않음: {n}번 문항: 정답은 1에서 5까지입니다 (“{text}” 아님).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="123"/>
        <source>Not saved: {error}</source>
        <translation>저장하지 않음: {error}</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="73"/>
        <source>Tesseract OCR engine</source>
        <translation>Tesseract OCR 엔진</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="74"/>
        <source>Korean language data for Tesseract</source>
        <translation>Tesseract 한국어 데이터</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="75"/>
        <source>Data folder is writable</source>
        <translation>데이터 폴더 쓰기 가능</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="81"/>
        <source>Install it: sudo apt-get install tesseract-ocr (Windows: the UB Mannheim installer), or set its path in Settings.</source>
        <translation>설치하세요: sudo apt-get install tesseract-ocr (Windows: UB Mannheim 설치 프로그램), 또는 설정에서 경로를 지정하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="83"/>
        <source>Install the Korean data: sudo apt-get install tesseract-ocr-kor (Windows: tick Korean in the installer).</source>
        <translation>한국어 데이터를 설치하세요: sudo apt-get install tesseract-ocr-kor (Windows: 설치 프로그램에서 Korean 선택).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="85"/>
        <source>Choose another data folder in Settings, or fix the folder&apos;s permissions.</source>
        <translation>설정에서 다른 데이터 폴더를 고르거나 폴더 권한을 고치세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="97"/>
        <source>ScanDesk: first-run checks</source>
        <translation>ScanDesk: 처음 실행 점검</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="99"/>
        <source>ScanDesk checked what it needs on this computer:</source>
        <translation>ScanDesk가 이 컴퓨터에 필요한 항목을 점검했습니다:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="113"/>
        <source>No scans at hand? A demo exam has thirty filled answer cards to read, review and score.</source>
        <translation>스캔이 없나요? 데모 시험에는 읽고 검토하고 채점해 볼 수 있는 답안지 30장이 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="118"/>
        <source>Try a demo exam</source>
        <translation>데모 시험 해 보기</translation>
    </message>
</context>
<context>
    <name>ImportScreen</name>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="158"/>
        <source>New exam…</source>
        <translation>새 시험…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="161"/>
        <location filename="../../desktop/gui/screens/import_screen.py" line="270"/>
        <source>(the exam&apos;s template)</source>
        <translation>(시험의 답안지 양식)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="165"/>
        <source>(the exam&apos;s answer key)</source>
        <translation>(시험의 정답표)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="166"/>
        <location filename="../../desktop/gui/screens/import_screen.py" line="215"/>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="168"/>
        <location filename="../../desktop/gui/screens/import_screen.py" line="173"/>
        <source>Exam</source>
        <translation>시험</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="177"/>
        <source>Template</source>
        <translation>답안지 양식</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="181"/>
        <location filename="../../desktop/gui/screens/import_screen.py" line="325"/>
        <source>Answer key</source>
        <translation>정답표</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="186"/>
        <source>Drop scan files or folders here (PNG, JPEG, TIFF, PDF). PDFs and multi-page TIFFs are split into pages; the same scan imported twice is noticed.</source>
        <translation>스캔 파일이나 폴더를 여기에 끌어다 놓으세요 (PNG, JPEG, TIFF, PDF). PDF와 여러 쪽 TIFF는 쪽별로 나뉘며, 같은 스캔을 두 번 가져오면 알려 줍니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="189"/>
        <source>Add files…</source>
        <translation>파일 추가…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="190"/>
        <source>Add folder…</source>
        <translation>폴더 추가…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="191"/>
        <source>Clear</source>
        <translation>비우기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="192"/>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="203"/>
        <source>Scans</source>
        <translation>스캔</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="218"/>
        <source>Watch this folder and import new scans into the exam:</source>
        <translation>이 폴더를 지켜보고 새 스캔을 다음 시험으로 가져오기:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="220"/>
        <location filename="../../desktop/gui/screens/import_screen.py" line="415"/>
        <source>Not watching.</source>
        <translation>지켜보고 있지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="225"/>
        <location filename="../../desktop/gui/screens/import_screen.py" line="383"/>
        <source>Scanner folder</source>
        <translation>스캐너 폴더</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="253"/>
        <source>(no exam: template only)</source>
        <translation>(시험 없음: 양식만)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="270"/>
        <source>(choose a template)</source>
        <translation>(양식을 고르세요)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="281"/>
        <source>none (no scores)</source>
        <translation>없음 (점수 없음)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="282"/>
        <source>Card: {card} · Answer key: {key}</source>
        <translation>답안지: {card} · 정답표: {key}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="293"/>
        <source>Cannot create the exam</source>
        <translation>시험을 만들 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="316"/>
        <source>Add scans</source>
        <translation>스캔 추가</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="320"/>
        <source>Add a folder of scans</source>
        <translation>스캔 폴더 추가</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="348"/>
        <source>Add scan files or folders first.</source>
        <translation>먼저 스캔 파일이나 폴더를 추가하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="353"/>
        <source>Importing…</source>
        <translation>가져오는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="357"/>
        <source>Import failed: {error}</source>
        <translation>가져오기 실패: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="358"/>
        <source>Import failed</source>
        <translation>가져오기 실패</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="373"/>
        <source>{pages} pages queued, {dups} duplicates left out, {errors} files could not be read.</source>
        <translation>{pages}쪽을 대기열에 넣었고, 중복 {dups}쪽은 뺐으며, 파일 {errors}개는 읽을 수 없었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="376"/>
        <source>Duplicate: {name} page {page} (already imported)</source>
        <translation>중복: {name} {page}쪽 (이미 가져옴)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="378"/>
        <source>Error: {message}</source>
        <translation>오류: {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="423"/>
        <source>Choose a folder and the exam its scans belong to first.</source>
        <translation>먼저 폴더와 그 스캔이 속할 시험을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="428"/>
        <source>Starting to watch {folder}…</source>
        <translation>{folder} 폴더 감시를 시작하는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="442"/>
        <source>Watching {folder}: new scans go into “{exam}”.</source>
        <translation>{folder} 폴더를 지켜보는 중: 새 스캔은 “{exam}” 시험으로 들어갑니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="464"/>
        <source>Took {n} new pages from the scanner folder into “{exam}”.</source>
        <translation>스캐너 폴더에서 새 {n}쪽을 “{exam}” 시험으로 가져왔습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="466"/>
        <source>{n} new pages taken</source>
        <translation>새 {n}쪽 가져옴</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="470"/>
        <source>Skipped {name}: the same scan was imported before (job {job}).</source>
        <translation>{name} 건너뜀: 같은 스캔을 이미 가져왔습니다 (작업 {job}).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="474"/>
        <source>Cannot read {name}: {message}</source>
        <translation>{name}을(를) 읽을 수 없습니다: {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="479"/>
        <source>Scanner folder: {error}</source>
        <translation>스캐너 폴더: {error}</translation>
    </message>
</context>
<context>
    <name>JobsScreen</name>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="54"/>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="160"/>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="55"/>
        <source>Pause</source>
        <translation>일시 중지</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="56"/>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="71"/>
        <source>Sheets at once:</source>
        <translation>동시 처리 장수:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="79"/>
        <source>All statuses</source>
        <translation>모든 상태</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="79"/>
        <source>Pending</source>
        <translation>대기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="79"/>
        <source>Running</source>
        <translation>처리 중</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="80"/>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="80"/>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="81"/>
        <source>Waiting for cloud</source>
        <translation>클라우드 대기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="86"/>
        <source>All types</source>
        <translation>모든 종류</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="89"/>
        <source>Retry</source>
        <translation>다시 시도</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="90"/>
        <source>Discard</source>
        <translation>버리기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="95"/>
        <source>Show:</source>
        <translation>보기:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="125"/>
        <source>Select a job to see its history and error.</source>
        <translation>작업을 선택하면 기록과 오류를 볼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="160"/>
        <source>Resume</source>
        <translation>계속</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="166"/>
        <source>{done} of {total} sheets</source>
        <translation>{total}장 중 {done}장</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="168"/>
        <source>about {eta} left ({rate:.0f}/min)</source>
        <translation>약 {eta} 남음 (분당 {rate:.0f}장)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="170"/>
        <source>{n} waiting</source>
        <translation>{n}장 대기 중</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="172"/>
        <source>all done</source>
        <translation>모두 완료</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="180"/>
        <source>{n} jobs</source>
        <translation>작업 {n}개</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="202"/>
        <source>Error: {error}</source>
        <translation>오류: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="220"/>
        <source>Retry failed</source>
        <translation>다시 시도 실패</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="223"/>
        <source>Discard failed</source>
        <translation>버리기 실패</translation>
    </message>
</context>
<context>
    <name>JobsTableModel</name>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="138"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="138"/>
        <source>Type</source>
        <translation>종류</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="138"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="138"/>
        <source>Progress</source>
        <translation>진행</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="139"/>
        <source>Attempts</source>
        <translation>시도</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="139"/>
        <source>Updated</source>
        <translation>갱신</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="139"/>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="175"/>
        <source>needs review</source>
        <translation>검토 필요</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="182"/>
        <source>Waiting for cloud</source>
        <translation>클라우드 대기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="184"/>
        <source>Pending</source>
        <translation>대기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="185"/>
        <source>Running</source>
        <translation>처리 중</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="186"/>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="187"/>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="74"/>
        <location filename="../../desktop/gui/main_window.py" line="255"/>
        <source>Worker stopped</source>
        <translation>워커 중지됨</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="110"/>
        <location filename="../../desktop/gui/main_window.py" line="315"/>
        <source>ScanDesk</source>
        <translation>ScanDesk</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="129"/>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="130"/>
        <source>Jobs</source>
        <translation>작업</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="131"/>
        <source>Review</source>
        <translation>검토</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="132"/>
        <source>Results</source>
        <translation>결과</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="133"/>
        <source>Sync</source>
        <translation>동기화</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="134"/>
        <source>Admin</source>
        <translation>관리</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="135"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="158"/>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="159"/>
        <source>Import &amp;files…</source>
        <translation>파일 가져오기(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="160"/>
        <source>Import f&amp;older…</source>
        <translation>폴더 가져오기(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="162"/>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="163"/>
        <source>&amp;Worker</source>
        <translation>워커(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="164"/>
        <source>&amp;Start</source>
        <translation>시작(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="165"/>
        <source>&amp;Pause</source>
        <translation>일시 중지(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="166"/>
        <source>S&amp;top</source>
        <translation>중지(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="167"/>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="170"/>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="171"/>
        <source>First-run &amp;checks…</source>
        <translation>처음 실행 점검(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="172"/>
        <source>Make a &amp;demo exam</source>
        <translation>데모 시험 만들기(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="173"/>
        <source>Open &amp;log folder</source>
        <translation>로그 폴더 열기(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="174"/>
        <source>&amp;About ScanDesk</source>
        <translation>ScanDesk 정보(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="252"/>
        <source>Worker running</source>
        <translation>워커 실행 중</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="253"/>
        <source>Worker paused</source>
        <translation>워커 일시 중지</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="254"/>
        <source>Worker stopping</source>
        <translation>워커 중지하는 중</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="257"/>
        <source>{state} · {pending} pending · {running} running · {done} done · {failed} failed</source>
        <translation>{state} · 대기 {pending} · 처리 중 {running} · 완료 {done} · 실패 {failed}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="262"/>
        <source>started with the app (Settings can turn this off)</source>
        <translation>앱과 함께 시작됨 (설정에서 끌 수 있음)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="264"/>
        <source>press Start on the Jobs tab to read them</source>
        <translation>작업 탭에서 시작을 누르면 읽기 시작합니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="270"/>
        <source>Time left: {eta}</source>
        <translation>남은 시간: {eta}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="297"/>
        <source>Drawing the demo exam&apos;s cards…</source>
        <translation>데모 시험의 답안지를 그리는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="298"/>
        <source>Cannot make the demo exam</source>
        <translation>데모 시험을 만들 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="309"/>
        <source>The demo exam&apos;s cards are being read; then see Review for the uncertain marks and Results.</source>
        <translation>데모 시험의 답안지를 읽는 중입니다. 다 읽으면 검토에서 불확실한 마킹을, 결과에서 점수를 보세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="320"/>
        <source>not found</source>
        <translation>찾을 수 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="321"/>
        <source>Data folder</source>
        <translation>데이터 폴더</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="322"/>
        <source>Database</source>
        <translation>데이터베이스</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="323"/>
        <source>Settings file</source>
        <translation>설정 파일</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="324"/>
        <source>Log file</source>
        <translation>로그 파일</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="325"/>
        <source>Platform</source>
        <translation>플랫폼</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="328"/>
        <source>Reads OMR answer cards, exam pages and homework at the academy desk.</source>
        <translation>학원 데스크에서 OMR 답안지, 시험지, 숙제를 읽습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="332"/>
        <source>About ScanDesk</source>
        <translation>ScanDesk 정보</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="353"/>
        <source>Sheets are being read</source>
        <translation>답안지를 읽는 중입니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="354"/>
        <source>{running} sheets are being read and {waiting} are waiting. Quit anyway?

The sheets being read are put back in the queue; they and the waiting ones are read when ScanDesk opens again. Nothing is lost.</source>
        <translation>답안지 {running}장을 읽는 중이고 {waiting}장이 기다리고 있습니다. 그래도 끝낼까요?

읽던 답안지는 대기열로 돌아가며, 기다리던 답안지와 함께 ScanDesk를 다시 열면 읽습니다. 잃는 것은 없습니다.</translation>
    </message>
</context>
<context>
    <name>NewExamDialog</name>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="61"/>
        <source>New exam</source>
        <translation>새 시험</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="69"/>
        <location filename="../../desktop/gui/screens/import_screen.py" line="73"/>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="71"/>
        <source>Type the key…</source>
        <translation>정답 입력…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="75"/>
        <source>New template from a blank card…</source>
        <translation>빈 답안지로 새 양식 만들기…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="78"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="82"/>
        <source>Answer-card template</source>
        <translation>답안지 양식</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="88"/>
        <source>Answer key (optional)</source>
        <translation>정답표 (선택)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="89"/>
        <source>Score double marks wrong, without review</source>
        <translation>두 개 이상 표기한 문항은 검토 없이 오답 처리</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="122"/>
        <source>Answer key</source>
        <translation>정답표</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="127"/>
        <source>Template</source>
        <translation>답안지 양식</translation>
    </message>
</context>
<context>
    <name>OptionsChart</name>
    <message>
        <location filename="../../desktop/gui/widgets/result_charts.py" line="100"/>
        <source>blank</source>
        <translation>무응답</translation>
    </message>
</context>
<context>
    <name>ReportPainter</name>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="176"/>
        <source>{exam} · printed {date} · page {n} of {total}</source>
        <translation>{exam} · {date} 출력 · {n} / {total}쪽</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="190"/>
        <source>no class</source>
        <translation>반 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="191"/>
        <source>Score report</source>
        <translation>성적표</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="191"/>
        <source>Printed for the student and their parents</source>
        <translation>학생·학부모용</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="192"/>
        <source>(not on the roster)</source>
        <translation>(명단에 없음)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="194"/>
        <source>Name {name}    Class {klass}    Student ID {sid}</source>
        <translation>이름 {name}    반 {klass}    수험번호 {sid}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="199"/>
        <source>Score</source>
        <translation>점수</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="200"/>
        <source>Rank</source>
        <translation>석차</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="200"/>
        <source>{rank} of {n}</source>
        <translation>{n}명 중 {rank}등</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="201"/>
        <source>Percentile</source>
        <translation>백분위</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="202"/>
        <source>Standard score</source>
        <translation>표준점수</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="205"/>
        <source>Class average {mean} · standard score: mean 100, SD 20 · percentile: share of students below (ties count half)</source>
        <translation>반 평균 {mean} · 표준점수: 평균 100, 표준편차 20 · 백분위: 아래에 있는 학생 비율 (동점은 절반)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="228"/>
        <source>Question</source>
        <translation>문항</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="228"/>
        <source>Answer</source>
        <translation>답안</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="228"/>
        <location filename="../../desktop/gui/report/pdf.py" line="305"/>
        <source>Key</source>
        <translation>정답</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="228"/>
        <source>Result</source>
        <translation>채점</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="228"/>
        <source>Class correct</source>
        <translation>반 정답률</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="263"/>
        <source>all students</source>
        <translation>전체 학생</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="264"/>
        <source>Class summary</source>
        <translation>반별 요약</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="264"/>
        <source>Class {klass}</source>
        <translation>{klass} 반</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="267"/>
        <source>Students</source>
        <translation>학생 수</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="268"/>
        <source>Mean</source>
        <translation>평균</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="269"/>
        <source>Median</source>
        <translation>중앙값</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="270"/>
        <source>SD</source>
        <translation>표준편차</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="271"/>
        <source>Highest / lowest</source>
        <translation>최고 / 최저</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="274"/>
        <source>Whole exam: {n} students, mean {mean}, SD {sd}</source>
        <translation>시험 전체: {n}명, 평균 {mean}, 표준편차 {sd}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="278"/>
        <source>Score distribution (students per score range)</source>
        <translation>점수 분포 (점수 구간별 학생 수)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="284"/>
        <source>Correct rate per question in this class (below each bar: the key; red: check the item)</source>
        <translation>이 반의 문항별 정답률 (막대 아래: 정답, 빨강: 문항 점검 필요)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="293"/>
        <source>wrong &gt; key</source>
        <translation>오답&gt;정답</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="293"/>
        <source>D &lt; 0</source>
        <translation>D&lt;0</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="295"/>
        <source>Item analysis (whole exam): p = share correct, D = discrimination (top 27% minus bottom 27%)</source>
        <translation>문항 분석 (시험 전체): p = 정답률, D = 변별도 (상위 27% − 하위 27%)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="305"/>
        <source>Q</source>
        <translation>문항</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="305"/>
        <source>Marked (value:students)</source>
        <translation>응답 (답:학생 수)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="306"/>
        <source>Note</source>
        <translation>비고</translation>
    </message>
</context>
<context>
    <name>ResultCharts</name>
    <message>
        <location filename="../../desktop/gui/widgets/result_charts.py" line="120"/>
        <source>Answers to the chosen question</source>
        <translation>선택한 문항의 응답</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/result_charts.py" line="127"/>
        <source>Score distribution</source>
        <translation>점수 분포</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/result_charts.py" line="128"/>
        <source>Correct rate per question (below: the key; red: check the item)</source>
        <translation>문항별 정답률 (아래: 정답, 빨강: 문항 점검 필요)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/result_charts.py" line="159"/>
        <source>Question {q}: key {key}, {p} correct</source>
        <translation>{q}번: 정답 {key}, 정답률 {p}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/result_charts.py" line="169"/>
        <source>{value} drew more students ({n}) than the key ({k}): check the key.</source>
        <translation>{value}번을 고른 학생({n}명)이 정답({k}명)보다 많습니다: 정답을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/result_charts.py" line="172"/>
        <source>Weaker students did better than stronger ones (discrimination {d:.2f}): a badly written item?</source>
        <translation>하위권 학생이 상위권보다 더 잘 맞혔습니다 (변별도 {d:.2f}): 문항에 문제가 있을 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/result_charts.py" line="175"/>
        <source>Discrimination {d:.2f}</source>
        <translation>변별도 {d:.2f}</translation>
    </message>
</context>
<context>
    <name>ResultsScreen</name>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="94"/>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="96"/>
        <source>Export CSV…</source>
        <translation>CSV 내보내기…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="97"/>
        <source>Export XLSX…</source>
        <translation>XLSX 내보내기…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="98"/>
        <source>Annotated sheets…</source>
        <translation>채점 표시된 답안지…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="103"/>
        <source>Print / PDF…</source>
        <translation>인쇄 / PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="105"/>
        <source>Save the report as PDF…</source>
        <translation>성적표를 PDF로 저장…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="106"/>
        <source>Print the report…</source>
        <translation>성적표 인쇄…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="108"/>
        <source>Roster…</source>
        <translation>학생 명단…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="112"/>
        <source>Exam:</source>
        <translation>시험:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="122"/>
        <location filename="../../desktop/gui/screens/results_screen.py" line="162"/>
        <source>Student</source>
        <translation>학생</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="122"/>
        <source>(unread)</source>
        <translation>(읽지 못함)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="123"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="124"/>
        <source>Class</source>
        <translation>반</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="125"/>
        <source>Score</source>
        <translation>점수</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="126"/>
        <source>Max</source>
        <translation>만점</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="127"/>
        <source>Rank</source>
        <translation>석차</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="128"/>
        <source>Percentile</source>
        <translation>백분위</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="129"/>
        <source>Std. score</source>
        <translation>표준점수</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="130"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="131"/>
        <source>Corrected</source>
        <translation>수정함</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="132"/>
        <source>Needs review</source>
        <translation>검토 필요</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="135"/>
        <source>Question</source>
        <translation>문항</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="136"/>
        <source>Key</source>
        <translation>정답</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="137"/>
        <source>Correct</source>
        <translation>정답률</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="138"/>
        <source>Most chosen wrong answer</source>
        <translation>가장 많이 고른 오답</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="139"/>
        <source>Answered</source>
        <translation>응답</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="140"/>
        <source>Blank</source>
        <translation>무응답</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="148"/>
        <source>Students</source>
        <translation>학생</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="148"/>
        <source>Questions</source>
        <translation>문항</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="161"/>
        <source>Charts</source>
        <translation>차트</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="356"/>
        <source>Nothing to print: no read sheets in this exam.</source>
        <translation>인쇄할 것이 없습니다: 이 시험에 읽은 답안지가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="366"/>
        <source>Save the report</source>
        <translation>성적표 저장</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="371"/>
        <source>Drawing {n} pages…</source>
        <translation>{n}쪽을 그리는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="372"/>
        <source>The report could not be saved</source>
        <translation>성적표를 저장하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="373"/>
        <source>Saved {path} ({n} pages)</source>
        <translation>{path} 저장됨 ({n}쪽)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="388"/>
        <source>Sent {n} pages to {printer}</source>
        <translation>{printer}(으)로 {n}쪽을 보냈습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="286"/>
        <source>{n} students; no answer key, so no scores; {failed} pages rejected</source>
        <translation>학생 {n}명; 정답표가 없어 점수 없음; 거부된 쪽 {failed}개</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="289"/>
        <source>{n} students, average score {mean:.1f}; {failed} pages rejected</source>
        <translation>학생 {n}명, 평균 {mean:.1f}점; 거부된 쪽 {failed}개</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="304"/>
        <source>Export results</source>
        <translation>결과 내보내기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="323"/>
        <location filename="../../desktop/gui/screens/results_screen.py" line="347"/>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="324"/>
        <source>Saved {path}</source>
        <translation>{path}에 저장했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="332"/>
        <source>Folder for the annotated sheets</source>
        <translation>채점 표시된 답안지를 저장할 폴더</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="348"/>
        <source>Wrote {n} annotated sheets to {folder}</source>
        <translation>채점 표시된 답안지 {n}장을 {folder}에 저장했습니다</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="114"/>
        <location filename="../../desktop/gui/screens/review_screen.py" line="222"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="115"/>
        <source>Field</source>
        <translation>항목</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="116"/>
        <source>Read</source>
        <translation>판독</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="117"/>
        <source>Confidence</source>
        <translation>신뢰도</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="118"/>
        <source>Why</source>
        <translation>이유</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="135"/>
        <source>All exams</source>
        <translation>모든 시험</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="137"/>
        <source>All reasons</source>
        <translation>모든 사유</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="152"/>
        <source>Overlay opacity (O shows or hides it)</source>
        <translation>오버레이 불투명도 (O 키로 보이기/숨기기)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="154"/>
        <source>Confirm read (Enter)</source>
        <translation>판독 확인 (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="166"/>
        <source>corrected value</source>
        <translation>고친 값</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="168"/>
        <source>Apply</source>
        <translation>적용</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="170"/>
        <source>◀ Previous</source>
        <translation>◀ 이전</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="171"/>
        <source>Next ▶</source>
        <translation>다음 ▶</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="174"/>
        <source>Fit</source>
        <translation>맞춤</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="187"/>
        <source>Overlay</source>
        <translation>오버레이</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="192"/>
        <source>Click a bubble or press 1–5 / 0–9 to correct (Backspace: blank); Enter confirms the read as it is; N/→ next, P/← previous; O shows or hides the overlay; the wheel zooms.</source>
        <translation>마킹 칸을 클릭하거나 1–5 / 0–9 키로 고치세요 (Backspace: 무응답). Enter는 판독을 그대로 확인합니다. N/→ 다음, P/← 이전, O 오버레이 보이기/숨기기, 휠로 확대/축소.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="313"/>
        <source>{sheets} sheets wait for review ({n} reads); {held} sheets held from sync until reviewed</source>
        <translation>검토 대기 답안지 {sheets}장 (판독 {n}건), 검토 전까지 전송 보류 {held}장</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="223"/>
        <source>Why it was rejected</source>
        <translation>거부 이유</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="246"/>
        <source>Uncertain reads</source>
        <translation>불확실한 판독</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="247"/>
        <source>Rejected pages</source>
        <translation>거부된 쪽</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="254"/>
        <source>more than one bubble is marked</source>
        <translation>두 개 이상 마킹됨</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="255"/>
        <source>no bubble is marked</source>
        <translation>마킹 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="256"/>
        <source>the mark is faint or unclear</source>
        <translation>마킹이 흐리거나 불분명함</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="257"/>
        <source>an erased or stray mark is near the answer</source>
        <translation>지운 자국이나 다른 표시가 답 근처에 있음</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="258"/>
        <source>the student id is not on the roster</source>
        <translation>학생 번호가 명단에 없음</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="259"/>
        <source>another sheet of this exam has the same student id</source>
        <translation>이 시험의 다른 답안지에 같은 학생 번호가 있음</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="260"/>
        <source>nothing is marked on the whole sheet</source>
        <translation>답안지 전체에 표시가 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="261"/>
        <source>the page may have been read the wrong way up</source>
        <translation>답안지를 거꾸로 읽었을 수 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="265"/>
        <source>whole sheet</source>
        <translation>답안지 전체</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="277"/>
        <source>closest on the roster: {ids}</source>
        <translation>명단에서 가장 가까운 번호: {ids}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="315"/>
        <source>Uncertain reads ({n})</source>
        <translation>불확실한 판독 ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="316"/>
        <source>Rejected pages ({n})</source>
        <translation>거부된 쪽 ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="348"/>
        <source>Nothing to review.</source>
        <translation>검토할 것이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="363"/>
        <source>&lt;b&gt;{file}&lt;/b&gt; · {field}: {why} (Enter confirms the sheet as read)</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; · {field}: {why} (Enter를 누르면 읽은 그대로 확인합니다)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="366"/>
        <source>&lt;b&gt;{file}&lt;/b&gt; · {field}: read &lt;b&gt;{value}&lt;/b&gt; ({why})</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; · {field}: 판독 &lt;b&gt;{value}&lt;/b&gt; ({why})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="367"/>
        <source>blank</source>
        <translation>무응답</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="388"/>
        <source>Closest on the roster:</source>
        <translation>명단에서 가장 가까운 학번:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="392"/>
        <source>Take {id} as this sheet&apos;s student id</source>
        <translation>이 답안지의 학번을 {id}(으)로 정합니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="410"/>
        <source>Sheet image missing: {path}</source>
        <translation>답안지 이미지가 없습니다: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="419"/>
        <source>Score: {score} / {max}</source>
        <translation>점수: {score} / {max}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="491"/>
        <source>Cannot save the correction</source>
        <translation>수정을 저장할 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="541"/>
        <source>&lt;b&gt;{file}&lt;/b&gt; was rejected: {reason}</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; 거부됨: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="548"/>
        <source>(the image cannot be shown)</source>
        <translation>(이미지를 표시할 수 없습니다)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="588"/>
        <source>&lt;b&gt;{file}&lt;/b&gt;: nothing on this sheet needs review.</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt;: 이 답안지에는 검토할 것이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="595"/>
        <source>Cannot show the sheet</source>
        <translation>답안지를 보여 줄 수 없습니다</translation>
    </message>
</context>
<context>
    <name>RosterDialog</name>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="32"/>
        <source>Roster</source>
        <translation>학생 명단</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="35"/>
        <source>Student ID</source>
        <translation>수험번호</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="35"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="35"/>
        <source>Class</source>
        <translation>반</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="41"/>
        <source>Import CSV/XLSX…</source>
        <translation>CSV/XLSX 가져오기…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="43"/>
        <source>Add</source>
        <translation>추가</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="45"/>
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="47"/>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="49"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="58"/>
        <source>Students of the academy: results show their names, and a read student ID that is not on this list goes to review.</source>
        <translation>학원의 학생 명단입니다. 결과에 이름이 표시되고, 이 명단에 없는 수험번호로 읽힌 답안지는 검토 대상이 됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="70"/>
        <source>{n} students</source>
        <translation>학생 {n}명</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="121"/>
        <source>Student ID {sid} is on two rows</source>
        <translation>수험번호 {sid}이(가) 두 줄에 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="126"/>
        <source>Saved: {added} added, {updated} updated</source>
        <translation>저장됨: {added}명 추가, {updated}명 수정</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="134"/>
        <source>Import a class list</source>
        <translation>반 명단 가져오기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="134"/>
        <source>Class lists (*.csv *.xlsx)</source>
        <translation>반 명단 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="141"/>
        <source>{added} added, {updated} updated</source>
        <translation>{added}명 추가, {updated}명 수정</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="143"/>
        <source>{n} rows skipped:</source>
        <translation>{n}줄 건너뜀:</translation>
    </message>
</context>
<context>
    <name>ScanDesk</name>
    <message>
        <location filename="../../desktop/gui/app.py" line="84"/>
        <source>Something went wrong</source>
        <translation>문제가 생겼습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/app.py" line="85"/>
        <source>{error}

The details are in the log file (Help &gt; Open log folder).</source>
        <translation>{error}

자세한 내용은 로그 파일에 있습니다 (도움말 &gt; 로그 폴더 열기).</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="42"/>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="47"/>
        <source>one per CPU core ({n} here)</source>
        <translation>CPU 코어당 하나 (이 컴퓨터: {n})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="50"/>
        <source>Automatic (Korean on a Korean system)</source>
        <translation>자동 (한국어 시스템에서는 한국어)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="56"/>
        <source>tesseract on PATH</source>
        <translation>PATH의 tesseract</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="57"/>
        <source>Start the worker when the app opens</source>
        <translation>앱을 열 때 워커 시작</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="59"/>
        <source>Export column names in English (for scripts)</source>
        <translation>내보내기 열 이름을 영어로 (스크립트용)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="61"/>
        <source>Show the admin panel (cloud worker)</source>
        <translation>관리 화면 표시 (클라우드 워커)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="66"/>
        <source>default AWS credentials (AWS_PROFILE)</source>
        <translation>기본 AWS 자격 증명 (AWS_PROFILE)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="69"/>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="72"/>
        <source>Desk</source>
        <translation>데스크</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="77"/>
        <source>Data folder (after a restart)</source>
        <translation>데이터 폴더 (다시 시작 후 적용)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="78"/>
        <source>Sheets processed at once</source>
        <translation>동시에 처리할 장수</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="80"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="82"/>
        <source>Scanner folder</source>
        <translation>스캐너 폴더</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="83"/>
        <source>Tesseract program</source>
        <translation>Tesseract 프로그램</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="84"/>
        <source>Cloud region</source>
        <translation>클라우드 리전</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="85"/>
        <source>Cloud instance id</source>
        <translation>클라우드 인스턴스 ID</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="86"/>
        <source>AWS profile</source>
        <translation>AWS 프로필</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="93"/>
        <source>Checks</source>
        <translation>점검</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="95"/>
        <source>Check again</source>
        <translation>다시 점검</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="101"/>
        <source>Settings file: {path}</source>
        <translation>설정 파일: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="112"/>
        <source>Data folder</source>
        <translation>데이터 폴더</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="135"/>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
</context>
<context>
    <name>SheetActions</name>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="37"/>
        <source>Remove from this exam…</source>
        <translation>이 시험에서 빼기…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="38"/>
        <source>Move to another exam…</source>
        <translation>다른 시험으로 옮기기…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="61"/>
        <source>Remove sheets</source>
        <translation>답안지 빼기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="62"/>
        <source>Remove {n} sheets from this exam? They leave its results; the scans can be imported again. What was already sent to the central API stays there.</source>
        <translation>이 시험에서 답안지 {n}장을 뺄까요? 결과에서 빠지며, 스캔은 다시 가져올 수 있습니다. 이미 중앙 서버로 보낸 것은 그대로 남습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="68"/>
        <source>Cannot remove the sheets</source>
        <translation>답안지를 뺄 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="79"/>
        <source>There is no other exam to move the sheets to.</source>
        <translation>답안지를 옮길 다른 시험이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="82"/>
        <source>Move sheets</source>
        <translation>답안지 옮기기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="83"/>
        <source>Move {n} sheets to the exam:</source>
        <translation>답안지 {n}장을 옮길 시험:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="89"/>
        <source>Cannot move the sheets</source>
        <translation>답안지를 옮길 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="96"/>
        <source>Moved {n} sheets to “{exam}”.</source>
        <translation>답안지 {n}장을 “{exam}” 시험으로 옮겼습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="97"/>
        <source>Removed {n} sheets.</source>
        <translation>답안지 {n}장을 뺐습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="99"/>
        <source>{n} had not been sent to the central API: dropped from the outbox.</source>
        <translation>{n}장은 아직 중앙 서버로 보내지 않아 보낼 목록에서 지웠습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="102"/>
        <source>{n} had not been sent to the central API: they will be sent under the new exam.</source>
        <translation>{n}장은 아직 중앙 서버로 보내지 않았으며, 새 시험으로 보내집니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="105"/>
        <source>{n} were already sent: the central API keeps its copy as it was sent.</source>
        <translation>{n}장은 이미 보냈습니다: 중앙 서버에는 보낸 그대로 남습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="108"/>
        <source>Not changed: {job}: {why}</source>
        <translation>바뀌지 않음: {job}: {why}</translation>
    </message>
</context>
<context>
    <name>StudentPanel</name>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="28"/>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="52"/>
        <source>Choose a student in the table.</source>
        <translation>표에서 학생을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="33"/>
        <source>Exam</source>
        <translation>시험</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="34"/>
        <source>Score</source>
        <translation>점수</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="35"/>
        <source>Rank</source>
        <translation>석차</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="35"/>
        <source>{rank} of {n}</source>
        <translation>{n}명 중 {rank}등</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="36"/>
        <source>Percentile</source>
        <translation>백분위</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="37"/>
        <source>Standard score</source>
        <translation>표준점수</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="47"/>
        <source>Scores across exams</source>
        <translation>시험별 점수</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="57"/>
        <source>(not on the roster)</source>
        <translation>(명단에 없음)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="58"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; · class {klass} · ID {sid}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; · {klass} 반 · 수험번호 {sid}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="61"/>
        <source>score {score} / {max}</source>
        <translation>점수 {score} / {max}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="63"/>
        <source>rank {rank}, percentile {pct}, standard score {std}</source>
        <translation>석차 {rank}, 백분위 {pct}, 표준점수 {std}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="67"/>
        <source>Wrong or blank: {questions}</source>
        <translation>틀리거나 비운 문항: {questions}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="68"/>
        <source>Every question right.</source>
        <translation>모든 문항 정답.</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="54"/>
        <source>Pending</source>
        <translation>대기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="54"/>
        <source>Waiting for review</source>
        <translation>검토 대기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="55"/>
        <source>Waiting for the cloud</source>
        <translation>클라우드 대기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="55"/>
        <source>Sent</source>
        <translation>보냄</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="56"/>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="57"/>
        <source>Outbox</source>
        <translation>보낼 편지함</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="66"/>
        <source>Send now</source>
        <translation>지금 보내기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="68"/>
        <source>Retry failed</source>
        <translation>다시 시도 실패</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="77"/>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="110"/>
        <source>Job</source>
        <translation>작업</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="78"/>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="79"/>
        <source>Steps left</source>
        <translation>남은 단계</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="80"/>
        <source>Tries</source>
        <translation>시도</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="81"/>
        <source>Server&apos;s message</source>
        <translation>서버 메시지</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="95"/>
        <source>stored in the system keyring</source>
        <translation>시스템 키링에 저장됨</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="96"/>
        <source>Save connection</source>
        <translation>연결 저장</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="99"/>
        <source>Central API</source>
        <translation>중앙 API</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="101"/>
        <source>API URL</source>
        <translation>API URL</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="102"/>
        <source>Worker id</source>
        <translation>워커 ID</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="103"/>
        <source>Worker token</source>
        <translation>워커 토큰</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="111"/>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="119"/>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="266"/>
        <source>Send unreviewed</source>
        <translation>검토 없이 전송</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="120"/>
        <source>Send the selected sheets (none selected: all) as they stand, without waiting for review</source>
        <translation>선택한 답안지(선택이 없으면 전부)를 검토를 기다리지 않고 현재 상태로 전송합니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="124"/>
        <source>Held until reviewed (they go once every uncertain read is resolved):</source>
        <translation>검토 전까지 보류 (불확실한 판독이 모두 처리되면 전송됩니다):</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="130"/>
        <source>Rows that need attention:</source>
        <translation>확인이 필요한 항목:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="149"/>
        <source>register</source>
        <translation>등록</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="149"/>
        <source>result</source>
        <translation>결과</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="150"/>
        <source>grading</source>
        <translation>채점</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="175"/>
        <source>Saved; the token is kept in {where}.</source>
        <translation>저장했습니다. 토큰은 {where}에 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="177"/>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="205"/>
        <source>Not configured</source>
        <translation>설정 안 됨</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="207"/>
        <source>Not tried yet</source>
        <translation>아직 시도 안 함</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="209"/>
        <source>Online</source>
        <translation>온라인</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="211"/>
        <source>Offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="218"/>
        <source>No server is set yet: enter the API URL under “Central API” below and press “Save connection”.</source>
        <translation>아직 서버가 설정되지 않았습니다: 아래 “중앙 API”에 API URL을 입력하고 “연결 저장”을 누르세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="233"/>
        <source>The server refused the worker token; check it below.</source>
        <translation>서버가 워커 토큰을 거부했습니다. 아래에서 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="235"/>
        <source>The central API is unreachable; results wait in the outbox.</source>
        <translation>중앙 API에 연결할 수 없습니다. 결과는 보낼 편지함에서 기다립니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="237"/>
        <source>{steps} messages sent.</source>
        <translation>메시지 {steps}개를 보냈습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="241"/>
        <source>nothing was left to send; the automatic send at {when} sent {steps} messages.</source>
        <translation>보낼 것이 남아 있지 않았습니다. {when}의 자동 전송이 메시지 {steps}개를 보냈습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="244"/>
        <source>nothing was waiting to be sent.</source>
        <translation>보낼 것이 없었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="245"/>
        <source>Last send at {when}: {note}</source>
        <translation>마지막 전송 {when}: {note}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="256"/>
        <source>Cannot send</source>
        <translation>보낼 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="267"/>
        <source>Send {n} sheets with their uncertain reads as they are? Corrections made later are sent as corrections.</source>
        <translation>불확실한 판독을 그대로 둔 채 답안지 {n}장을 전송할까요? 나중에 한 수정은 정정으로 전송됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="277"/>
        <source>Cannot release the sheets</source>
        <translation>답안지를 전송 대기열에 넣을 수 없습니다</translation>
    </message>
</context>
<context>
    <name>TemplateDesigner</name>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="57"/>
        <source>New template from a blank card</source>
        <translation>빈 답안지로 새 양식 만들기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="80"/>
        <source>Open blank card…</source>
        <translation>빈 답안지 열기…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="82"/>
        <source>Open a scan or PDF of an empty answer card.</source>
        <translation>아무것도 표시하지 않은 답안지의 스캔이나 PDF를 여세요.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="88"/>
        <source>Answers</source>
        <translation>답안</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="89"/>
        <location filename="../../desktop/gui/screens/template_designer.py" line="381"/>
        <source>Student number</source>
        <translation>수험번호</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="91"/>
        <source>Choices across (one question per row)</source>
        <translation>보기가 가로로 (한 줄에 한 문항)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="92"/>
        <source>Choices down (one question per column)</source>
        <translation>보기가 세로로 (한 열에 한 문항)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="99"/>
        <source>Choices are letters (A, B, C…)</source>
        <translation>보기가 글자 (A, B, C…)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="107"/>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="108"/>
        <source>Layout</source>
        <translation>배치</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="109"/>
        <source>Rows</source>
        <translation>줄 수</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="110"/>
        <source>Columns</source>
        <translation>열 수</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="111"/>
        <source>First question</source>
        <translation>첫 문항 번호</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="113"/>
        <source>Selected block</source>
        <translation>선택한 영역</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="116"/>
        <source>Delete block</source>
        <translation>영역 삭제</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="118"/>
        <source>Draw a block</source>
        <translation>영역 그리기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="119"/>
        <source>Drag a rectangle over the bubbles of a block that was missed</source>
        <translation>찾지 못한 영역의 동그라미 위로 사각형을 끌어 그리세요</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="125"/>
        <source>Filled sample…</source>
        <translation>마킹한 견본…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="127"/>
        <source>Show the filled sample under the blocks</source>
        <translation>마킹한 견본을 영역 아래에 보기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="132"/>
        <source>Choose a filled card to see how it reads with this template.</source>
        <translation>마킹한 답안지를 고르면 이 양식으로 어떻게 읽히는지 보여 줍니다.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="134"/>
        <source>e.g. academy_monthly_45</source>
        <translation>예: 학원_월례고사_45</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="146"/>
        <source>Template name</source>
        <translation>양식 이름</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="165"/>
        <source>Blank card</source>
        <translation>빈 답안지</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="171"/>
        <source>Looking for bubbles…</source>
        <translation>동그라미를 찾는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="184"/>
        <source>cards are aligned on their four corner marks</source>
        <translation>네 모서리 표시로 답안지를 맞춥니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="186"/>
        <source>cards are aligned on the page edge</source>
        <translation>종이 가장자리로 답안지를 맞춥니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="188"/>
        <source>no corner marks or page edge: cards are set straight on their printed bubbles</source>
        <translation>모서리 표시나 종이 가장자리가 없어 인쇄된 동그라미로 답안지를 바로잡습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="189"/>
        <source>Found {0} bubbles in {1} blocks; {2}.</source>
        <translation>동그라미 {0}개, 영역 {1}개를 찾았습니다. {2}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="194"/>
        <source>No card found: {0}</source>
        <translation>답안지를 찾지 못했습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="201"/>
        <source>Student number ({0} digits)</source>
        <translation>수험번호 ({0}자리)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="203"/>
        <source>Questions {0}–{1} ({2} choices)</source>
        <translation>{0}–{1}번 (보기 {2}개)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="315"/>
        <source>Filled sample</source>
        <translation>마킹한 견본</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="340"/>
        <source>Reading the sample…</source>
        <translation>견본을 읽는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="383"/>
        <source>{0} answers read, {1} to check</source>
        <translation>{0}개 읽음, 확인할 것 {1}개</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="391"/>
        <source>The sample does not read with this template: {0}</source>
        <translation>이 양식으로 견본을 읽을 수 없습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="400"/>
        <source>Not saved: {0}</source>
        <translation>저장하지 못했습니다: {0}</translation>
    </message>
</context>
<context>
    <name>WorkerText</name>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="28"/>
        <source>reading the scan</source>
        <translation>스캔 읽는 중</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="29"/>
        <source>aligning and reading bubbles</source>
        <translation>답안지 맞추고 마킹 읽는 중</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="30"/>
        <source>drawing the annotated sheet</source>
        <translation>채점 표시한 답안지 그리는 중</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="31"/>
        <location filename="../../desktop/gui/worker_texts.py" line="112"/>
        <source>done</source>
        <translation>완료</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="32"/>
        <source>region {i} of {n}</source>
        <translation>영역 {i}/{n}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="33"/>
        <source>frame {i} of {n}</source>
        <translation>프레임 {i}/{n}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="40"/>
        <source>cannot align the sheet: the orientation mark beside the top-left corner is missing</source>
        <translation>답안지를 맞출 수 없음: 왼쪽 위 모서리 옆의 방향 표시가 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="42"/>
        <source>cannot align the sheet: the corner marks do not have this card&apos;s proportions</source>
        <translation>답안지를 맞출 수 없음: 모서리 표시의 비율이 이 답안지와 다릅니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="46"/>
        <source>cannot align the sheet: the corner markers found do not span the page</source>
        <translation>답안지를 맞출 수 없음: 찾은 모서리 마커가 쪽 전체에 걸치지 않습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="36"/>
        <source>cannot align the sheet: the four corner marks were not found</source>
        <translation>답안지를 맞출 수 없음: 네 모서리 표시를 찾지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="38"/>
        <source>cannot align the sheet: the corner marks do not span a card</source>
        <translation>답안지를 맞출 수 없음: 모서리 표시가 답안지 전체에 걸쳐 있지 않습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="44"/>
        <source>cannot align the sheet: the corner markers were not found</source>
        <translation>답안지를 맞출 수 없음: 모서리 마커를 찾지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="48"/>
        <source>the page does not match the template (is this the right card?)</source>
        <translation>이 페이지는 템플릿과 맞지 않습니다 (맞는 답안지인가요?)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="50"/>
        <source>this sheet is not a {card} card: its form code does not match the template</source>
        <translation>이 답안지는 {card} 답안지가 아닙니다: 양식 코드가 템플릿과 맞지 않습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="51"/>
        <source>pick the right template</source>
        <translation>맞는 템플릿을 고르세요</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="55"/>
        <source>cannot find the page on the photo, or the page does not match the template: no page edge stands out from the background on all four sides (photograph the whole page, flat, on a surface darker than the paper)</source>
        <translation>사진에서 페이지를 찾을 수 없거나 페이지가 템플릿과 맞지 않습니다: 네 변 모두에서 배경과 구분되는 페이지 가장자리가 없습니다 (페이지 전체를 종이보다 어두운 바닥 위에 평평하게 놓고 찍으세요)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="58"/>
        <source>this page does not match the template {name}: only {share} of the template&apos;s bubbles sit on printed bubbles (another card, a question paper or an empty page?)</source>
        <translation>이 페이지는 템플릿 {name}과(와) 맞지 않습니다: 템플릿의 버블 중 {share}만 인쇄된 버블 위에 있습니다 (다른 답안지, 문제지 또는 빈 페이지인가요?)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="60"/>
        <source>{name}: this file is not a scan or image (PNG, JPEG, TIFF or PDF)</source>
        <translation>{name}: 스캔이나 이미지 파일이 아닙니다 (PNG, JPEG, TIFF, PDF)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="61"/>
        <source>{name}: file not found ({path})</source>
        <translation>{name}: 파일이 없습니다 ({path})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="63"/>
        <source>{name}: the file is empty (0 bytes); scan the sheet again</source>
        <translation>{name}: 빈 파일입니다 (0바이트). 다시 스캔하세요</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="65"/>
        <source>{name}: the image is too small ({size} pixels) to read a card</source>
        <translation>{name}: 이미지가 너무 작아 ({size} 픽셀) 답안지를 읽을 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="67"/>
        <source>{name}: the PDF is password-protected; save it without a password</source>
        <translation>{name}: 암호가 걸린 PDF입니다. 암호 없이 저장하세요</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="68"/>
        <source>{name}: the PDF has no pages or is damaged</source>
        <translation>{name}: PDF에 쪽이 없거나 손상되었습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="70"/>
        <source>{name}: the image is too large to be a scan; scan at 150–600 dpi</source>
        <translation>{name}: 스캔이라기엔 이미지가 너무 큽니다. 150–600 dpi로 스캔하세요</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="71"/>
        <source>{name}: the image file is damaged or not an image</source>
        <translation>{name}: 이미지 파일이 손상되었거나 이미지가 아닙니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="73"/>
        <source>{name}: the {kind} file is cut off (incomplete download or copy); scan it again</source>
        <translation>{name}: {kind} 파일이 잘렸습니다 (내려받기나 복사가 끝나지 않음). 다시 스캔하세요</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="74"/>
        <source>{name}: the image cannot be decoded (damaged file)</source>
        <translation>{name}: 이미지를 풀 수 없습니다 (손상된 파일)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="77"/>
        <source>job {job} is {status}; only FAILED jobs can be {action}</source>
        <translation>작업 {job}은(는) {status} 상태입니다. 실패한 작업만 {action} 수 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="78"/>
        <source>job {job} is already discarded</source>
        <translation>작업 {job}은(는) 이미 버렸습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="80"/>
        <source>sheet {job} is {status}; wait until it has been read</source>
        <translation>답안지 {job}은(는) {status} 상태입니다. 다 읽을 때까지 기다리세요</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="81"/>
        <source>sheet {job} was already removed</source>
        <translation>답안지 {job}은(는) 이미 뺐습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="82"/>
        <source>sheet {job} is in {exam} already</source>
        <translation>답안지 {job}은(는) 이미 {exam} 시험에 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="84"/>
        <source>{exam} uses another answer-card template; import the scan again for that exam instead</source>
        <translation>{exam} 시험은 다른 답안지 양식을 씁니다. 그 시험으로 스캔을 다시 가져오세요</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="85"/>
        <source>{exam} already has the same scan (job {job})</source>
        <translation>{exam} 시험에 같은 스캔이 이미 있습니다 (작업 {job})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="87"/>
        <source>attempt {n}</source>
        <translation>{n}번째 시도</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="88"/>
        <source>given back at shutdown</source>
        <translation>끝낼 때 대기열로 돌려줌</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="89"/>
        <source>retried by hand</source>
        <translation>직접 다시 시도함</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="90"/>
        <source>discarded by hand</source>
        <translation>직접 버림</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="91"/>
        <source>lease expired; runnable again</source>
        <translation>처리 시간이 지나 다시 실행 가능</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="92"/>
        <source>{error} (attempt {n}; retry in {s} s)</source>
        <translation>{error} ({n}번째 시도, {s}초 뒤 다시 시도)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="93"/>
        <source>removed from its exam by hand</source>
        <translation>직접 시험에서 뺌</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="94"/>
        <source>moved to {exam} by hand</source>
        <translation>직접 {exam} 시험으로 옮김</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="96"/>
        <source>the server&apos;s address is not set: enter the API URL on the Sync tab</source>
        <translation>서버 주소가 없습니다: 동기화 탭에서 API URL을 입력하세요</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="97"/>
        <source>the worker token is not set: enter it on the Sync tab</source>
        <translation>워커 토큰이 없습니다: 동기화 탭에서 입력하세요</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="110"/>
        <source>queued</source>
        <translation>대기열에 넣음</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="111"/>
        <source>started</source>
        <translation>시작</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="113"/>
        <location filename="../../desktop/gui/worker_texts.py" line="130"/>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="114"/>
        <source>run again</source>
        <translation>다시 실행</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="115"/>
        <location filename="../../desktop/gui/worker_texts.py" line="138"/>
        <source>discarded</source>
        <translation>버릴</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="116"/>
        <source>given back</source>
        <translation>돌려줌</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="117"/>
        <source>taken over</source>
        <translation>다른 워커가 가져감</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="118"/>
        <source>timed out</source>
        <translation>시간 초과</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="119"/>
        <source>for the cloud</source>
        <translation>클라우드로</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="120"/>
        <source>removed</source>
        <translation>뺌</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="121"/>
        <source>moved</source>
        <translation>옮김</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="127"/>
        <source>waiting</source>
        <translation>대기</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="128"/>
        <source>being read</source>
        <translation>읽는 중</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="129"/>
        <source>read</source>
        <translation>읽음</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="137"/>
        <source>retried</source>
        <translation>다시 시도할</translation>
    </message>
</context>
</TS>
