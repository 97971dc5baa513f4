<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="34"/>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="108"/>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="120"/>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="133"/>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="38"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="39"/>
        <source>Start cloud worker…</source>
        <translation>Start cloud worker…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="43"/>
        <source>Cloud GPU worker</source>
        <translation>Cloud GPU worker</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="45"/>
        <source>Instance</source>
        <translation>Instance</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="46"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="53"/>
        <source>Starting the cloud worker costs money while it runs. ScanDesk never stops it; it stops itself when the central queue is empty.</source>
        <translation>Starting the cloud worker costs money while it runs. ScanDesk never stops it; it stops itself when the central queue is empty.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="75"/>
        <source>starting</source>
        <translation>starting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="75"/>
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="75"/>
        <source>stopping</source>
        <translation>stopping</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="76"/>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="76"/>
        <source>shutting down</source>
        <translation>shutting down</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="77"/>
        <source>terminated</source>
        <translation>terminated</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="83"/>
        <source>{instance}: it was {before} already; now {after}</source>
        <translation>{instance}: it was {before} already; now {after}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="86"/>
        <source>{instance}: start requested; still {after} when the wait ran out</source>
        <translation>{instance}: start requested; still {after} when the wait ran out</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="88"/>
        <source>{instance}: start requested; now {after}</source>
        <translation>{instance}: start requested; now {after}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="95"/>
        <source>Cloud region</source>
        <translation>Cloud region</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="97"/>
        <source>Cloud instance id</source>
        <translation>Cloud instance id</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="100"/>
        <source>Fill in {fields} on the Settings tab first.</source>
        <translation>Fill in {fields} on the Settings tab first.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="121"/>
        <source>No AWS credentials were found: fill in “AWS profile” on the Settings tab (a profile of the AWS config files), or set AWS_PROFILE.</source>
        <translation>No AWS credentials were found: fill in “AWS profile” on the Settings tab (a profile of the AWS config files), or set AWS_PROFILE.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="140"/>
        <source>Start the cloud worker?</source>
        <translation>Start the cloud worker?</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="141"/>
        <source>Start the academy&apos;s cloud GPU worker {instance}? It is billed while it runs.</source>
        <translation>Start the academy&apos;s cloud GPU worker {instance}? It is billed while it runs.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/admin_screen.py" line="150"/>
        <source>Starting…</source>
        <translation>Starting…</translation>
    </message>
</context>
<context>
    <name>AnswerKeyEditor</name>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="35"/>
        <source>Answer key</source>
        <translation>Answer key</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="41"/>
        <source>Answer (1-5; several: 1,3)</source>
        <translation>Answer (1-5; several: 1,3)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="41"/>
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="47"/>
        <source>Give every question these points</source>
        <translation>Give every question these points</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="53"/>
        <source>Type the answer of each question; a question with several right answers takes them separated by commas. Saved as {file}.</source>
        <translation>Type the answer of each question; a question with several right answers takes them separated by commas. Saved as {file}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="60"/>
        <source>Questions:</source>
        <translation>Questions:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="107"/>
        <source>Not saved: question {n} has no answer.</source>
        <translation>Not saved: question {n} has no answer.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="109"/>
        <source>Not saved: question {n}: points must be a number above 0, not “{text}”.</source>
        <translation>Not saved: question {n}: points must be a number above 0, not “{text}”.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="111"/>
        <source>Not saved: question {n}: answers are 1 to 5, not “{text}”.</source>
        <translation>Not saved: question {n}: answers are 1 to 5, not “{text}”.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/answer_key_editor.py" line="123"/>
        <source>Not saved: {error}</source>
        <translation>Not saved: {error}</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="73"/>
        <source>Tesseract OCR engine</source>
        <translation>Tesseract OCR engine</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="74"/>
        <source>Korean language data for Tesseract</source>
        <translation>Korean language data for Tesseract</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="75"/>
        <source>Data folder is writable</source>
        <translation>Data folder is writable</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="81"/>
        <source>Install it: sudo apt-get install tesseract-ocr (Windows: the UB Mannheim installer), or set its path in Settings.</source>
        <translation>Install it: sudo apt-get install tesseract-ocr (Windows: the UB Mannheim installer), or set its path in Settings.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="83"/>
        <source>Install the Korean data: sudo apt-get install tesseract-ocr-kor (Windows: tick Korean in the installer).</source>
        <translation>Install the Korean data: sudo apt-get install tesseract-ocr-kor (Windows: tick Korean in the installer).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="85"/>
        <source>Choose another data folder in Settings, or fix the folder&apos;s permissions.</source>
        <translation>Choose another data folder in Settings, or fix the folder&apos;s permissions.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="97"/>
        <source>ScanDesk: first-run checks</source>
        <translation>ScanDesk: first-run checks</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="99"/>
        <source>ScanDesk checked what it needs on this computer:</source>
        <translation>ScanDesk checked what it needs on this computer:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="113"/>
        <source>No scans at hand? A demo exam has thirty filled answer cards to read, review and score.</source>
        <translation>No scans at hand? A demo exam has thirty filled answer cards to read, review and score.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="118"/>
        <source>Try a demo exam</source>
        <translation>Try a demo exam</translation>
    </message>
</context>
<context>
    <name>ImportScreen</name>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="158"/>
        <source>New exam…</source>
        <translation>New exam…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="161"/>
        <location filename="../../desktop/gui/screens/import_screen.py" line="270"/>
        <source>(the exam&apos;s template)</source>
        <translation>(the exam&apos;s template)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="165"/>
        <source>(the exam&apos;s answer key)</source>
        <translation>(the exam&apos;s answer key)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="166"/>
        <location filename="../../desktop/gui/screens/import_screen.py" line="215"/>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="168"/>
        <location filename="../../desktop/gui/screens/import_screen.py" line="173"/>
        <source>Exam</source>
        <translation>Exam</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="177"/>
        <source>Template</source>
        <translation>Template</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="181"/>
        <location filename="../../desktop/gui/screens/import_screen.py" line="325"/>
        <source>Answer key</source>
        <translation>Answer key</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="186"/>
        <source>Drop scan files or folders here (PNG, JPEG, TIFF, PDF). PDFs and multi-page TIFFs are split into pages; the same scan imported twice is noticed.</source>
        <translation>Drop scan files or folders here (PNG, JPEG, TIFF, PDF). PDFs and multi-page TIFFs are split into pages; the same scan imported twice is noticed.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="189"/>
        <source>Add files…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="190"/>
        <source>Add folder…</source>
        <translation>Add folder…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="191"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="192"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="203"/>
        <source>Scans</source>
        <translation>Scans</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="218"/>
        <source>Watch this folder and import new scans into the exam:</source>
        <translation>Watch this folder and import new scans into the exam:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="220"/>
        <location filename="../../desktop/gui/screens/import_screen.py" line="415"/>
        <source>Not watching.</source>
        <translation>Not watching.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="225"/>
        <location filename="../../desktop/gui/screens/import_screen.py" line="383"/>
        <source>Scanner folder</source>
        <translation>Scanner folder</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="253"/>
        <source>(no exam: template only)</source>
        <translation>(no exam: template only)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="270"/>
        <source>(choose a template)</source>
        <translation>(choose a template)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="281"/>
        <source>none (no scores)</source>
        <translation>none (no scores)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="282"/>
        <source>Card: {card} · Answer key: {key}</source>
        <translation>Card: {card} · Answer key: {key}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="293"/>
        <source>Cannot create the exam</source>
        <translation>Cannot create the exam</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="316"/>
        <source>Add scans</source>
        <translation>Add scans</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="320"/>
        <source>Add a folder of scans</source>
        <translation>Add a folder of scans</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="348"/>
        <source>Add scan files or folders first.</source>
        <translation>Add scan files or folders first.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="353"/>
        <source>Importing…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="357"/>
        <source>Import failed: {error}</source>
        <translation>Import failed: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="358"/>
        <source>Import failed</source>
        <translation>Import failed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="373"/>
        <source>{pages} pages queued, {dups} duplicates left out, {errors} files could not be read.</source>
        <translation>{pages} pages queued, {dups} duplicates left out, {errors} files could not be read.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="376"/>
        <source>Duplicate: {name} page {page} (already imported)</source>
        <translation>Duplicate: {name} page {page} (already imported)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="378"/>
        <source>Error: {message}</source>
        <translation>Error: {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="423"/>
        <source>Choose a folder and the exam its scans belong to first.</source>
        <translation>Choose a folder and the exam its scans belong to first.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="428"/>
        <source>Starting to watch {folder}…</source>
        <translation>Starting to watch {folder}…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="442"/>
        <source>Watching {folder}: new scans go into “{exam}”.</source>
        <translation>Watching {folder}: new scans go into “{exam}”.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="464"/>
        <source>Took {n} new pages from the scanner folder into “{exam}”.</source>
        <translation>Took {n} new pages from the scanner folder into “{exam}”.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="466"/>
        <source>{n} new pages taken</source>
        <translation>{n} new pages taken</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="470"/>
        <source>Skipped {name}: the same scan was imported before (job {job}).</source>
        <translation>Skipped {name}: the same scan was imported before (job {job}).</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="474"/>
        <source>Cannot read {name}: {message}</source>
        <translation>Cannot read {name}: {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="479"/>
        <source>Scanner folder: {error}</source>
        <translation>Scanner folder: {error}</translation>
    </message>
</context>
<context>
    <name>JobsScreen</name>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="54"/>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="160"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="55"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="56"/>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="71"/>
        <source>Sheets at once:</source>
        <translation>Sheets at once:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="79"/>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="79"/>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="79"/>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="80"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="80"/>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="81"/>
        <source>Waiting for cloud</source>
        <translation>Waiting for cloud</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="86"/>
        <source>All types</source>
        <translation>All types</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="89"/>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="90"/>
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="95"/>
        <source>Show:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="125"/>
        <source>Select a job to see its history and error.</source>
        <translation>Select a job to see its history and error.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="160"/>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="166"/>
        <source>{done} of {total} sheets</source>
        <translation>{done} of {total} sheets</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="168"/>
        <source>about {eta} left ({rate:.0f}/min)</source>
        <translation>about {eta} left ({rate:.0f}/min)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="170"/>
        <source>{n} waiting</source>
        <translation>{n} waiting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="172"/>
        <source>all done</source>
        <translation>all done</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="180"/>
        <source>{n} jobs</source>
        <translation>{n} jobs</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="202"/>
        <source>Error: {error}</source>
        <translation>Error: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="220"/>
        <source>Retry failed</source>
        <translation>Retry failed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/jobs_screen.py" line="223"/>
        <source>Discard failed</source>
        <translation>Discard failed</translation>
    </message>
</context>
<context>
    <name>JobsTableModel</name>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="138"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="138"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="138"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="138"/>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="139"/>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="139"/>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="139"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="175"/>
        <source>needs review</source>
        <translation>needs review</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="182"/>
        <source>Waiting for cloud</source>
        <translation>Waiting for cloud</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="184"/>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="185"/>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="186"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/models/jobs_model.py" line="187"/>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="74"/>
        <location filename="../../desktop/gui/main_window.py" line="255"/>
        <source>Worker stopped</source>
        <translation>Worker stopped</translation>
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
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="130"/>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="131"/>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="132"/>
        <source>Results</source>
        <translation>Results</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="133"/>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="134"/>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="135"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="158"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="159"/>
        <source>Import &amp;files…</source>
        <translation>Import &amp;files…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="160"/>
        <source>Import f&amp;older…</source>
        <translation>Import f&amp;older…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="162"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="163"/>
        <source>&amp;Worker</source>
        <translation>&amp;Worker</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="164"/>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="165"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="166"/>
        <source>S&amp;top</source>
        <translation>S&amp;top</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="167"/>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="170"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="171"/>
        <source>First-run &amp;checks…</source>
        <translation>First-run &amp;checks…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="172"/>
        <source>Make a &amp;demo exam</source>
        <translation>Make a &amp;demo exam</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="173"/>
        <source>Open &amp;log folder</source>
        <translation>Open &amp;log folder</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="174"/>
        <source>&amp;About ScanDesk</source>
        <translation>&amp;About ScanDesk</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="252"/>
        <source>Worker running</source>
        <translation>Worker running</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="253"/>
        <source>Worker paused</source>
        <translation>Worker paused</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="254"/>
        <source>Worker stopping</source>
        <translation>Worker stopping</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="257"/>
        <source>{state} · {pending} pending · {running} running · {done} done · {failed} failed</source>
        <translation>{state} · {pending} pending · {running} running · {done} done · {failed} failed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="262"/>
        <source>started with the app (Settings can turn this off)</source>
        <translation>started with the app (Settings can turn this off)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="264"/>
        <source>press Start on the Jobs tab to read them</source>
        <translation>press Start on the Jobs tab to read them</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="270"/>
        <source>Time left: {eta}</source>
        <translation>Time left: {eta}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="297"/>
        <source>Drawing the demo exam&apos;s cards…</source>
        <translation>Drawing the demo exam&apos;s cards…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="298"/>
        <source>Cannot make the demo exam</source>
        <translation>Cannot make the demo exam</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="309"/>
        <source>The demo exam&apos;s cards are being read; then see Review for the uncertain marks and Results.</source>
        <translation>The demo exam&apos;s cards are being read; then see Review for the uncertain marks and Results.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="320"/>
        <source>not found</source>
        <translation>not found</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="321"/>
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="322"/>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="323"/>
        <source>Settings file</source>
        <translation>Settings file</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="324"/>
        <source>Log file</source>
        <translation>Log file</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="325"/>
        <source>Platform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="328"/>
        <source>Reads OMR answer cards, exam pages and homework at the academy desk.</source>
        <translation>Reads OMR answer cards, exam pages and homework at the academy desk.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="332"/>
        <source>About ScanDesk</source>
        <translation>About ScanDesk</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="353"/>
        <source>Sheets are being read</source>
        <translation>Sheets are being read</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="354"/>
        <source>{running} sheets are being read and {waiting} are waiting. Quit anyway?

The sheets being read are put back in the queue; they and the waiting ones are read when ScanDesk opens again. Nothing is lost.</source>
        <translation>{running} sheets are being read and {waiting} are waiting. Quit anyway?

The sheets being read are put back in the queue; they and the waiting ones are read when ScanDesk opens again. Nothing is lost.</translation>
    </message>
</context>
<context>
    <name>NewExamDialog</name>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="61"/>
        <source>New exam</source>
        <translation>New exam</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="69"/>
        <location filename="../../desktop/gui/screens/import_screen.py" line="73"/>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="71"/>
        <source>Type the key…</source>
        <translation>Type the key…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="75"/>
        <source>New template from a blank card…</source>
        <translation>New template from a blank card…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="78"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="82"/>
        <source>Answer-card template</source>
        <translation>Answer-card template</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="88"/>
        <source>Answer key (optional)</source>
        <translation>Answer key (optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="89"/>
        <source>Score double marks wrong, without review</source>
        <translation>Score double marks wrong, without review</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="122"/>
        <source>Answer key</source>
        <translation>Answer key</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/import_screen.py" line="127"/>
        <source>Template</source>
        <translation>Template</translation>
    </message>
</context>
<context>
    <name>OptionsChart</name>
    <message>
        <location filename="../../desktop/gui/widgets/result_charts.py" line="100"/>
        <source>blank</source>
        <translation>blank</translation>
    </message>
</context>
<context>
    <name>ReportPainter</name>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="176"/>
        <source>{exam} · printed {date} · page {n} of {total}</source>
        <translation>{exam} · printed {date} · page {n} of {total}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="190"/>
        <source>no class</source>
        <translation>no class</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="191"/>
        <source>Score report</source>
        <translation>Score report</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="191"/>
        <source>Printed for the student and their parents</source>
        <translation>Printed for the student and their parents</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="192"/>
        <source>(not on the roster)</source>
        <translation>(not on the roster)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="194"/>
        <source>Name {name}    Class {klass}    Student ID {sid}</source>
        <translation>Name {name}    Class {klass}    Student ID {sid}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="199"/>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="200"/>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="200"/>
        <source>{rank} of {n}</source>
        <translation>{rank} of {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="201"/>
        <source>Percentile</source>
        <translation>Percentile</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="202"/>
        <source>Standard score</source>
        <translation>Standard score</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="205"/>
        <source>Class average {mean} · standard score: mean 100, SD 20 · percentile: share of students below (ties count half)</source>
        <translation>Class average {mean} · standard score: mean 100, SD 20 · percentile: share of students below (ties count half)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="228"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="228"/>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="228"/>
        <location filename="../../desktop/gui/report/pdf.py" line="305"/>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="228"/>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="228"/>
        <source>Class correct</source>
        <translation>Class correct</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="263"/>
        <source>all students</source>
        <translation>all students</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="264"/>
        <source>Class summary</source>
        <translation>Class summary</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="264"/>
        <source>Class {klass}</source>
        <translation>Class {klass}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="267"/>
        <source>Students</source>
        <translation>Students</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="268"/>
        <source>Mean</source>
        <translation>Mean</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="269"/>
        <source>Median</source>
        <translation>Median</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="270"/>
        <source>SD</source>
        <translation>SD</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="271"/>
        <source>Highest / lowest</source>
        <translation>Highest / lowest</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="274"/>
        <source>Whole exam: {n} students, mean {mean}, SD {sd}</source>
        <translation>Whole exam: {n} students, mean {mean}, SD {sd}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="278"/>
        <source>Score distribution (students per score range)</source>
        <translation>Score distribution (students per score range)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="284"/>
        <source>Correct rate per question in this class (below each bar: the key; red: check the item)</source>
        <translation>Correct rate per question in this class (below each bar: the key; red: check the item)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="293"/>
        <source>wrong &gt; key</source>
        <translation>wrong &gt; key</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="293"/>
        <source>D &lt; 0</source>
        <translation>D &lt; 0</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="295"/>
        <source>Item analysis (whole exam): p = share correct, D = discrimination (top 27% minus bottom 27%)</source>
        <translation>Item analysis (whole exam): p = share correct, D = discrimination (top 27% minus bottom 27%)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="305"/>
        <source>Q</source>
        <translation>Q</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="305"/>
        <source>Marked (value:students)</source>
        <translation>Marked (value:students)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/report/pdf.py" line="306"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>ResultCharts</name>
    <message>
        <location filename="../../desktop/gui/widgets/result_charts.py" line="120"/>
        <source>Answers to the chosen question</source>
        <translation>Answers to the chosen question</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/result_charts.py" line="127"/>
        <source>Score distribution</source>
        <translation>Score distribution</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/result_charts.py" line="128"/>
        <source>Correct rate per question (below: the key; red: check the item)</source>
        <translation>Correct rate per question (below: the key; red: check the item)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/result_charts.py" line="159"/>
        <source>Question {q}: key {key}, {p} correct</source>
        <translation>Question {q}: key {key}, {p} correct</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/result_charts.py" line="169"/>
        <source>{value} drew more students ({n}) than the key ({k}): check the key.</source>
        <translation>{value} drew more students ({n}) than the key ({k}): check the key.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/result_charts.py" line="172"/>
        <source>Weaker students did better than stronger ones (discrimination {d:.2f}): a badly written item?</source>
        <translation>Weaker students did better than stronger ones (discrimination {d:.2f}): a badly written item?</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/result_charts.py" line="175"/>
        <source>Discrimination {d:.2f}</source>
        <translation>Discrimination {d:.2f}</translation>
    </message>
</context>
<context>
    <name>ResultsScreen</name>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="94"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="96"/>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="97"/>
        <source>Export XLSX…</source>
        <translation>Export XLSX…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="98"/>
        <source>Annotated sheets…</source>
        <translation>Annotated sheets…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="103"/>
        <source>Print / PDF…</source>
        <translation>Print / PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="105"/>
        <source>Save the report as PDF…</source>
        <translation>Save the report as PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="106"/>
        <source>Print the report…</source>
        <translation>Print the report…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="108"/>
        <source>Roster…</source>
        <translation>Roster…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="112"/>
        <source>Exam:</source>
        <translation>Exam:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="122"/>
        <location filename="../../desktop/gui/screens/results_screen.py" line="162"/>
        <source>Student</source>
        <translation>Student</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="122"/>
        <source>(unread)</source>
        <translation>(unread)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="123"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="124"/>
        <source>Class</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="125"/>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="126"/>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="127"/>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="128"/>
        <source>Percentile</source>
        <translation>Percentile</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="129"/>
        <source>Std. score</source>
        <translation>Std. score</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="130"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="131"/>
        <source>Corrected</source>
        <translation>Corrected</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="132"/>
        <source>Needs review</source>
        <translation>Needs review</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="135"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="136"/>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="137"/>
        <source>Correct</source>
        <translation>Correct</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="138"/>
        <source>Most chosen wrong answer</source>
        <translation>Most chosen wrong answer</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="139"/>
        <source>Answered</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="140"/>
        <source>Blank</source>
        <translation>Blank</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="148"/>
        <source>Students</source>
        <translation>Students</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="148"/>
        <source>Questions</source>
        <translation>Questions</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="161"/>
        <source>Charts</source>
        <translation>Charts</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="356"/>
        <source>Nothing to print: no read sheets in this exam.</source>
        <translation>Nothing to print: no read sheets in this exam.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="366"/>
        <source>Save the report</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="371"/>
        <source>Drawing {n} pages…</source>
        <translation>Drawing {n} pages…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="372"/>
        <source>The report could not be saved</source>
        <translation>The report could not be saved</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="373"/>
        <source>Saved {path} ({n} pages)</source>
        <translation>Saved {path} ({n} pages)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="388"/>
        <source>Sent {n} pages to {printer}</source>
        <translation>Sent {n} pages to {printer}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="286"/>
        <source>{n} students; no answer key, so no scores; {failed} pages rejected</source>
        <translation>{n} students; no answer key, so no scores; {failed} pages rejected</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="289"/>
        <source>{n} students, average score {mean:.1f}; {failed} pages rejected</source>
        <translation>{n} students, average score {mean:.1f}; {failed} pages rejected</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="304"/>
        <source>Export results</source>
        <translation>Export results</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="323"/>
        <location filename="../../desktop/gui/screens/results_screen.py" line="347"/>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="324"/>
        <source>Saved {path}</source>
        <translation>Saved {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="332"/>
        <source>Folder for the annotated sheets</source>
        <translation>Folder for the annotated sheets</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/results_screen.py" line="348"/>
        <source>Wrote {n} annotated sheets to {folder}</source>
        <translation>Wrote {n} annotated sheets to {folder}</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="114"/>
        <location filename="../../desktop/gui/screens/review_screen.py" line="222"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="115"/>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="116"/>
        <source>Read</source>
        <translation>Read</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="117"/>
        <source>Confidence</source>
        <translation>Confidence</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="118"/>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="135"/>
        <source>All exams</source>
        <translation>All exams</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="137"/>
        <source>All reasons</source>
        <translation>All reasons</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="152"/>
        <source>Overlay opacity (O shows or hides it)</source>
        <translation>Overlay opacity (O shows or hides it)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="154"/>
        <source>Confirm read (Enter)</source>
        <translation>Confirm read (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="166"/>
        <source>corrected value</source>
        <translation>corrected value</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="168"/>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="170"/>
        <source>◀ Previous</source>
        <translation>◀ Previous</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="171"/>
        <source>Next ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="174"/>
        <source>Fit</source>
        <translation>Fit</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="187"/>
        <source>Overlay</source>
        <translation>Overlay</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="192"/>
        <source>Click a bubble or press 1–5 / 0–9 to correct (Backspace: blank); Enter confirms the read as it is; N/→ next, P/← previous; O shows or hides the overlay; the wheel zooms.</source>
        <translation>Click a bubble or press 1–5 / 0–9 to correct (Backspace: blank); Enter confirms the read as it is; N/→ next, P/← previous; O shows or hides the overlay; the wheel zooms.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="313"/>
        <source>{sheets} sheets wait for review ({n} reads); {held} sheets held from sync until reviewed</source>
        <translation>{sheets} sheets wait for review ({n} reads); {held} sheets held from sync until reviewed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="223"/>
        <source>Why it was rejected</source>
        <translation>Why it was rejected</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="246"/>
        <source>Uncertain reads</source>
        <translation>Uncertain reads</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="247"/>
        <source>Rejected pages</source>
        <translation>Rejected pages</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="254"/>
        <source>more than one bubble is marked</source>
        <translation>more than one bubble is marked</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="255"/>
        <source>no bubble is marked</source>
        <translation>no bubble is marked</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="256"/>
        <source>the mark is faint or unclear</source>
        <translation>the mark is faint or unclear</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="257"/>
        <source>an erased or stray mark is near the answer</source>
        <translation>an erased or stray mark is near the answer</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="258"/>
        <source>the student id is not on the roster</source>
        <translation>the student id is not on the roster</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="259"/>
        <source>another sheet of this exam has the same student id</source>
        <translation>another sheet of this exam has the same student id</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="260"/>
        <source>nothing is marked on the whole sheet</source>
        <translation>nothing is marked on the whole sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="261"/>
        <source>the page may have been read the wrong way up</source>
        <translation>the page may have been read the wrong way up</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="265"/>
        <source>whole sheet</source>
        <translation>whole sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="277"/>
        <source>closest on the roster: {ids}</source>
        <translation>closest on the roster: {ids}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="315"/>
        <source>Uncertain reads ({n})</source>
        <translation>Uncertain reads ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="316"/>
        <source>Rejected pages ({n})</source>
        <translation>Rejected pages ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="348"/>
        <source>Nothing to review.</source>
        <translation>Nothing to review.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="363"/>
        <source>&lt;b&gt;{file}&lt;/b&gt; · {field}: {why} (Enter confirms the sheet as read)</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; · {field}: {why} (Enter confirms the sheet as read)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="366"/>
        <source>&lt;b&gt;{file}&lt;/b&gt; · {field}: read &lt;b&gt;{value}&lt;/b&gt; ({why})</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; · {field}: read &lt;b&gt;{value}&lt;/b&gt; ({why})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="367"/>
        <source>blank</source>
        <translation>blank</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="388"/>
        <source>Closest on the roster:</source>
        <translation>Closest on the roster:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="392"/>
        <source>Take {id} as this sheet&apos;s student id</source>
        <translation>Take {id} as this sheet&apos;s student id</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="410"/>
        <source>Sheet image missing: {path}</source>
        <translation>Sheet image missing: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="419"/>
        <source>Score: {score} / {max}</source>
        <translation>Score: {score} / {max}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="491"/>
        <source>Cannot save the correction</source>
        <translation>Cannot save the correction</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="541"/>
        <source>&lt;b&gt;{file}&lt;/b&gt; was rejected: {reason}</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt; was rejected: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="548"/>
        <source>(the image cannot be shown)</source>
        <translation>(the image cannot be shown)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="588"/>
        <source>&lt;b&gt;{file}&lt;/b&gt;: nothing on this sheet needs review.</source>
        <translation>&lt;b&gt;{file}&lt;/b&gt;: nothing on this sheet needs review.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/review_screen.py" line="595"/>
        <source>Cannot show the sheet</source>
        <translation>Cannot show the sheet</translation>
    </message>
</context>
<context>
    <name>RosterDialog</name>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="32"/>
        <source>Roster</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="35"/>
        <source>Student ID</source>
        <translation>Student ID</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="35"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="35"/>
        <source>Class</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="41"/>
        <source>Import CSV/XLSX…</source>
        <translation>Import CSV/XLSX…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="43"/>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="45"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="47"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="49"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="58"/>
        <source>Students of the academy: results show their names, and a read student ID that is not on this list goes to review.</source>
        <translation>Students of the academy: results show their names, and a read student ID that is not on this list goes to review.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="70"/>
        <source>{n} students</source>
        <translation>{n} students</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="121"/>
        <source>Student ID {sid} is on two rows</source>
        <translation>Student ID {sid} is on two rows</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="126"/>
        <source>Saved: {added} added, {updated} updated</source>
        <translation>Saved: {added} added, {updated} updated</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="134"/>
        <source>Import a class list</source>
        <translation>Import a class list</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="134"/>
        <source>Class lists (*.csv *.xlsx)</source>
        <translation>Class lists (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="141"/>
        <source>{added} added, {updated} updated</source>
        <translation>{added} added, {updated} updated</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/roster_dialog.py" line="143"/>
        <source>{n} rows skipped:</source>
        <translation>{n} rows skipped:</translation>
    </message>
</context>
<context>
    <name>ScanDesk</name>
    <message>
        <location filename="../../desktop/gui/app.py" line="84"/>
        <source>Something went wrong</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/app.py" line="85"/>
        <source>{error}

The details are in the log file (Help &gt; Open log folder).</source>
        <translation>{error}

The details are in the log file (Help &gt; Open log folder).</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="42"/>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="47"/>
        <source>one per CPU core ({n} here)</source>
        <translation>one per CPU core ({n} here)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="50"/>
        <source>Automatic (Korean on a Korean system)</source>
        <translation>Automatic (Korean on a Korean system)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="56"/>
        <source>tesseract on PATH</source>
        <translation>tesseract on PATH</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="57"/>
        <source>Start the worker when the app opens</source>
        <translation>Start the worker when the app opens</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="59"/>
        <source>Export column names in English (for scripts)</source>
        <translation>Export column names in English (for scripts)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="61"/>
        <source>Show the admin panel (cloud worker)</source>
        <translation>Show the admin panel (cloud worker)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="66"/>
        <source>default AWS credentials (AWS_PROFILE)</source>
        <translation>default AWS credentials (AWS_PROFILE)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="69"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="72"/>
        <source>Desk</source>
        <translation>Desk</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="77"/>
        <source>Data folder (after a restart)</source>
        <translation>Data folder (after a restart)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="78"/>
        <source>Sheets processed at once</source>
        <translation>Sheets processed at once</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="80"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="82"/>
        <source>Scanner folder</source>
        <translation>Scanner folder</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="83"/>
        <source>Tesseract program</source>
        <translation>Tesseract program</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="84"/>
        <source>Cloud region</source>
        <translation>Cloud region</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="85"/>
        <source>Cloud instance id</source>
        <translation>Cloud instance id</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="86"/>
        <source>AWS profile</source>
        <translation>AWS profile</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="93"/>
        <source>Checks</source>
        <translation>Checks</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="95"/>
        <source>Check again</source>
        <translation>Check again</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="101"/>
        <source>Settings file: {path}</source>
        <translation>Settings file: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="112"/>
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/settings_screen.py" line="135"/>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>SheetActions</name>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="37"/>
        <source>Remove from this exam…</source>
        <translation>Remove from this exam…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="38"/>
        <source>Move to another exam…</source>
        <translation>Move to another exam…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="61"/>
        <source>Remove sheets</source>
        <translation>Remove sheets</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="62"/>
        <source>Remove {n} sheets from this exam? They leave its results; the scans can be imported again. What was already sent to the central API stays there.</source>
        <translation>Remove {n} sheets from this exam? They leave its results; the scans can be imported again. What was already sent to the central API stays there.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="68"/>
        <source>Cannot remove the sheets</source>
        <translation>Cannot remove the sheets</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="79"/>
        <source>There is no other exam to move the sheets to.</source>
        <translation>There is no other exam to move the sheets to.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="82"/>
        <source>Move sheets</source>
        <translation>Move sheets</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="83"/>
        <source>Move {n} sheets to the exam:</source>
        <translation>Move {n} sheets to the exam:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="89"/>
        <source>Cannot move the sheets</source>
        <translation>Cannot move the sheets</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="96"/>
        <source>Moved {n} sheets to “{exam}”.</source>
        <translation>Moved {n} sheets to “{exam}”.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="97"/>
        <source>Removed {n} sheets.</source>
        <translation>Removed {n} sheets.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="99"/>
        <source>{n} had not been sent to the central API: dropped from the outbox.</source>
        <translation>{n} had not been sent to the central API: dropped from the outbox.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="102"/>
        <source>{n} had not been sent to the central API: they will be sent under the new exam.</source>
        <translation>{n} had not been sent to the central API: they will be sent under the new exam.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="105"/>
        <source>{n} were already sent: the central API keeps its copy as it was sent.</source>
        <translation>{n} were already sent: the central API keeps its copy as it was sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/sheet_actions.py" line="108"/>
        <source>Not changed: {job}: {why}</source>
        <translation>Not changed: {job}: {why}</translation>
    </message>
</context>
<context>
    <name>StudentPanel</name>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="28"/>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="52"/>
        <source>Choose a student in the table.</source>
        <translation>Choose a student in the table.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="33"/>
        <source>Exam</source>
        <translation>Exam</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="34"/>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="35"/>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="35"/>
        <source>{rank} of {n}</source>
        <translation>{rank} of {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="36"/>
        <source>Percentile</source>
        <translation>Percentile</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="37"/>
        <source>Standard score</source>
        <translation>Standard score</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="47"/>
        <source>Scores across exams</source>
        <translation>Scores across exams</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="57"/>
        <source>(not on the roster)</source>
        <translation>(not on the roster)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="58"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; · class {klass} · ID {sid}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; · class {klass} · ID {sid}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="61"/>
        <source>score {score} / {max}</source>
        <translation>score {score} / {max}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="63"/>
        <source>rank {rank}, percentile {pct}, standard score {std}</source>
        <translation>rank {rank}, percentile {pct}, standard score {std}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="67"/>
        <source>Wrong or blank: {questions}</source>
        <translation>Wrong or blank: {questions}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/widgets/student_panel.py" line="68"/>
        <source>Every question right.</source>
        <translation>Every question right.</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="54"/>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="54"/>
        <source>Waiting for review</source>
        <translation>Waiting for review</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="55"/>
        <source>Waiting for the cloud</source>
        <translation>Waiting for the cloud</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="55"/>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="56"/>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="57"/>
        <source>Outbox</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="66"/>
        <source>Send now</source>
        <translation>Send now</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="68"/>
        <source>Retry failed</source>
        <translation>Retry failed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="77"/>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="110"/>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="78"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="79"/>
        <source>Steps left</source>
        <translation>Steps left</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="80"/>
        <source>Tries</source>
        <translation>Tries</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="81"/>
        <source>Server&apos;s message</source>
        <translation>Server&apos;s message</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="95"/>
        <source>stored in the system keyring</source>
        <translation>stored in the system keyring</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="96"/>
        <source>Save connection</source>
        <translation>Save connection</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="99"/>
        <source>Central API</source>
        <translation>Central API</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="101"/>
        <source>API URL</source>
        <translation>API URL</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="102"/>
        <source>Worker id</source>
        <translation>Worker id</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="103"/>
        <source>Worker token</source>
        <translation>Worker token</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="111"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="119"/>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="266"/>
        <source>Send unreviewed</source>
        <translation>Send unreviewed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="120"/>
        <source>Send the selected sheets (none selected: all) as they stand, without waiting for review</source>
        <translation>Send the selected sheets (none selected: all) as they stand, without waiting for review</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="124"/>
        <source>Held until reviewed (they go once every uncertain read is resolved):</source>
        <translation>Held until reviewed (they go once every uncertain read is resolved):</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="130"/>
        <source>Rows that need attention:</source>
        <translation>Rows that need attention:</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="149"/>
        <source>register</source>
        <translation>register</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="149"/>
        <source>result</source>
        <translation>result</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="150"/>
        <source>grading</source>
        <translation>grading</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="175"/>
        <source>Saved; the token is kept in {where}.</source>
        <translation>Saved; the token is kept in {where}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="177"/>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="205"/>
        <source>Not configured</source>
        <translation>Not configured</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="207"/>
        <source>Not tried yet</source>
        <translation>Not tried yet</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="209"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="211"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="218"/>
        <source>No server is set yet: enter the API URL under “Central API” below and press “Save connection”.</source>
        <translation>No server is set yet: enter the API URL under “Central API” below and press “Save connection”.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="233"/>
        <source>The server refused the worker token; check it below.</source>
        <translation>The server refused the worker token; check it below.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="235"/>
        <source>The central API is unreachable; results wait in the outbox.</source>
        <translation>The central API is unreachable; results wait in the outbox.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="237"/>
        <source>{steps} messages sent.</source>
        <translation>{steps} messages sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="241"/>
        <source>nothing was left to send; the automatic send at {when} sent {steps} messages.</source>
        <translation>nothing was left to send; the automatic send at {when} sent {steps} messages.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="244"/>
        <source>nothing was waiting to be sent.</source>
        <translation>nothing was waiting to be sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="245"/>
        <source>Last send at {when}: {note}</source>
        <translation>Last send at {when}: {note}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="256"/>
        <source>Cannot send</source>
        <translation>Cannot send</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="267"/>
        <source>Send {n} sheets with their uncertain reads as they are? Corrections made later are sent as corrections.</source>
        <translation>Send {n} sheets with their uncertain reads as they are? Corrections made later are sent as corrections.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/sync_screen.py" line="277"/>
        <source>Cannot release the sheets</source>
        <translation>Cannot release the sheets</translation>
    </message>
</context>
<context>
    <name>TemplateDesigner</name>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="57"/>
        <source>New template from a blank card</source>
        <translation>New template from a blank card</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="80"/>
        <source>Open blank card…</source>
        <translation>Open blank card…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="82"/>
        <source>Open a scan or PDF of an empty answer card.</source>
        <translation>Open a scan or PDF of an empty answer card.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="88"/>
        <source>Answers</source>
        <translation>Answers</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="89"/>
        <location filename="../../desktop/gui/screens/template_designer.py" line="381"/>
        <source>Student number</source>
        <translation>Student number</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="91"/>
        <source>Choices across (one question per row)</source>
        <translation>Choices across (one question per row)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="92"/>
        <source>Choices down (one question per column)</source>
        <translation>Choices down (one question per column)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="99"/>
        <source>Choices are letters (A, B, C…)</source>
        <translation>Choices are letters (A, B, C…)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="107"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="108"/>
        <source>Layout</source>
        <translation>Layout</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="109"/>
        <source>Rows</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="110"/>
        <source>Columns</source>
        <translation>Columns</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="111"/>
        <source>First question</source>
        <translation>First question</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="113"/>
        <source>Selected block</source>
        <translation>Selected block</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="116"/>
        <source>Delete block</source>
        <translation>Delete block</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="118"/>
        <source>Draw a block</source>
        <translation>Draw a block</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="119"/>
        <source>Drag a rectangle over the bubbles of a block that was missed</source>
        <translation>Drag a rectangle over the bubbles of a block that was missed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="125"/>
        <source>Filled sample…</source>
        <translation>Filled sample…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="127"/>
        <source>Show the filled sample under the blocks</source>
        <translation>Show the filled sample under the blocks</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="132"/>
        <source>Choose a filled card to see how it reads with this template.</source>
        <translation>Choose a filled card to see how it reads with this template.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="134"/>
        <source>e.g. academy_monthly_45</source>
        <translation>e.g. academy_monthly_45</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="146"/>
        <source>Template name</source>
        <translation>Template name</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="165"/>
        <source>Blank card</source>
        <translation>Blank card</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="171"/>
        <source>Looking for bubbles…</source>
        <translation>Looking for bubbles…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="184"/>
        <source>cards are aligned on their four corner marks</source>
        <translation>cards are aligned on their four corner marks</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="186"/>
        <source>cards are aligned on the page edge</source>
        <translation>cards are aligned on the page edge</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="188"/>
        <source>no corner marks or page edge: cards are set straight on their printed bubbles</source>
        <translation>no corner marks or page edge: cards are set straight on their printed bubbles</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="189"/>
        <source>Found {0} bubbles in {1} blocks; {2}.</source>
        <translation>Found {0} bubbles in {1} blocks; {2}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="194"/>
        <source>No card found: {0}</source>
        <translation>No card found: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="201"/>
        <source>Student number ({0} digits)</source>
        <translation>Student number ({0} digits)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="203"/>
        <source>Questions {0}–{1} ({2} choices)</source>
        <translation>Questions {0}–{1} ({2} choices)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="315"/>
        <source>Filled sample</source>
        <translation>Filled sample</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="340"/>
        <source>Reading the sample…</source>
        <translation>Reading the sample…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="383"/>
        <source>{0} answers read, {1} to check</source>
        <translation>{0} answers read, {1} to check</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="391"/>
        <source>The sample does not read with this template: {0}</source>
        <translation>The sample does not read with this template: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/screens/template_designer.py" line="400"/>
        <source>Not saved: {0}</source>
        <translation>Not saved: {0}</translation>
    </message>
</context>
<context>
    <name>WorkerText</name>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="28"/>
        <source>reading the scan</source>
        <translation>reading the scan</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="29"/>
        <source>aligning and reading bubbles</source>
        <translation>aligning and reading bubbles</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="30"/>
        <source>drawing the annotated sheet</source>
        <translation>drawing the annotated sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="31"/>
        <location filename="../../desktop/gui/worker_texts.py" line="112"/>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="32"/>
        <source>region {i} of {n}</source>
        <translation>region {i} of {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="33"/>
        <source>frame {i} of {n}</source>
        <translation>frame {i} of {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="40"/>
        <source>cannot align the sheet: the orientation mark beside the top-left corner is missing</source>
        <translation>cannot align the sheet: the orientation mark beside the top-left corner is missing</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="42"/>
        <source>cannot align the sheet: the corner marks do not have this card&apos;s proportions</source>
        <translation>cannot align the sheet: the corner marks do not have this card&apos;s proportions</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="46"/>
        <source>cannot align the sheet: the corner markers found do not span the page</source>
        <translation>cannot align the sheet: the corner markers found do not span the page</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="36"/>
        <source>cannot align the sheet: the four corner marks were not found</source>
        <translation>cannot align the sheet: the four corner marks were not found</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="38"/>
        <source>cannot align the sheet: the corner marks do not span a card</source>
        <translation>cannot align the sheet: the corner marks do not span a card</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="44"/>
        <source>cannot align the sheet: the corner markers were not found</source>
        <translation>cannot align the sheet: the corner markers were not found</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="48"/>
        <source>the page does not match the template (is this the right card?)</source>
        <translation>the page does not match the template (is this the right card?)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="50"/>
        <source>this sheet is not a {card} card: its form code does not match the template</source>
        <translation>this sheet is not a {card} card: its form code does not match the template</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="51"/>
        <source>pick the right template</source>
        <translation>pick the right template</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="55"/>
        <source>cannot find the page on the photo, or the page does not match the template: no page edge stands out from the background on all four sides (photograph the whole page, flat, on a surface darker than the paper)</source>
        <translation>cannot find the page on the photo, or the page does not match the template: no page edge stands out from the background on all four sides (photograph the whole page, flat, on a surface darker than the paper)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="58"/>
        <source>this page does not match the template {name}: only {share} of the template&apos;s bubbles sit on printed bubbles (another card, a question paper or an empty page?)</source>
        <translation>this page does not match the template {name}: only {share} of the template&apos;s bubbles sit on printed bubbles (another card, a question paper or an empty page?)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="60"/>
        <source>{name}: this file is not a scan or image (PNG, JPEG, TIFF or PDF)</source>
        <translation>{name}: this file is not a scan or image (PNG, JPEG, TIFF or PDF)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="61"/>
        <source>{name}: file not found ({path})</source>
        <translation>{name}: file not found ({path})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="63"/>
        <source>{name}: the file is empty (0 bytes); scan the sheet again</source>
        <translation>{name}: the file is empty (0 bytes); scan the sheet again</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="65"/>
        <source>{name}: the image is too small ({size} pixels) to read a card</source>
        <translation>{name}: the image is too small ({size} pixels) to read a card</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="67"/>
        <source>{name}: the PDF is password-protected; save it without a password</source>
        <translation>{name}: the PDF is password-protected; save it without a password</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="68"/>
        <source>{name}: the PDF has no pages or is damaged</source>
        <translation>{name}: the PDF has no pages or is damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="70"/>
        <source>{name}: the image is too large to be a scan; scan at 150–600 dpi</source>
        <translation>{name}: the image is too large to be a scan; scan at 150–600 dpi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="71"/>
        <source>{name}: the image file is damaged or not an image</source>
        <translation>{name}: the image file is damaged or not an image</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="73"/>
        <source>{name}: the {kind} file is cut off (incomplete download or copy); scan it again</source>
        <translation>{name}: the {kind} file is cut off (incomplete download or copy); scan it again</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="74"/>
        <source>{name}: the image cannot be decoded (damaged file)</source>
        <translation>{name}: the image cannot be decoded (damaged file)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="77"/>
        <source>job {job} is {status}; only FAILED jobs can be {action}</source>
        <translation>job {job} is {status}; only FAILED jobs can be {action}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="78"/>
        <source>job {job} is already discarded</source>
        <translation>job {job} is already discarded</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="80"/>
        <source>sheet {job} is {status}; wait until it has been read</source>
        <translation>sheet {job} is {status}; wait until it has been read</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="81"/>
        <source>sheet {job} was already removed</source>
        <translation>sheet {job} was already removed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="82"/>
        <source>sheet {job} is in {exam} already</source>
        <translation>sheet {job} is in {exam} already</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="84"/>
        <source>{exam} uses another answer-card template; import the scan again for that exam instead</source>
        <translation>{exam} uses another answer-card template; import the scan again for that exam instead</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="85"/>
        <source>{exam} already has the same scan (job {job})</source>
        <translation>{exam} already has the same scan (job {job})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="87"/>
        <source>attempt {n}</source>
        <translation>attempt {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="88"/>
        <source>given back at shutdown</source>
        <translation>given back at shutdown</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="89"/>
        <source>retried by hand</source>
        <translation>retried by hand</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="90"/>
        <source>discarded by hand</source>
        <translation>discarded by hand</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="91"/>
        <source>lease expired; runnable again</source>
        <translation>lease expired; runnable again</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="92"/>
        <source>{error} (attempt {n}; retry in {s} s)</source>
        <translation>{error} (attempt {n}; retry in {s} s)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="93"/>
        <source>removed from its exam by hand</source>
        <translation>removed from its exam by hand</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="94"/>
        <source>moved to {exam} by hand</source>
        <translation>moved to {exam} by hand</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="96"/>
        <source>the server&apos;s address is not set: enter the API URL on the Sync tab</source>
        <translation>the server&apos;s address is not set: enter the API URL on the Sync tab</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="97"/>
        <source>the worker token is not set: enter it on the Sync tab</source>
        <translation>the worker token is not set: enter it on the Sync tab</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="110"/>
        <source>queued</source>
        <translation>queued</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="111"/>
        <source>started</source>
        <translation>started</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="113"/>
        <location filename="../../desktop/gui/worker_texts.py" line="130"/>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="114"/>
        <source>run again</source>
        <translation>run again</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="115"/>
        <location filename="../../desktop/gui/worker_texts.py" line="138"/>
        <source>discarded</source>
        <translation>discarded</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="116"/>
        <source>given back</source>
        <translation>given back</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="117"/>
        <source>taken over</source>
        <translation>taken over</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="118"/>
        <source>timed out</source>
        <translation>timed out</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="119"/>
        <source>for the cloud</source>
        <translation>for the cloud</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="120"/>
        <source>removed</source>
        <translation>removed</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="121"/>
        <source>moved</source>
        <translation>moved</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="127"/>
        <source>waiting</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="128"/>
        <source>being read</source>
        <translation>being read</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="129"/>
        <source>read</source>
        <translation>read</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/worker_texts.py" line="137"/>
        <source>retried</source>
        <translation>retried</translation>
    </message>
</context>
</TS>
