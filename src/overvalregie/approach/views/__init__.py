"""The approach's pages, one module per part: the approach and its steps and project
structure (``approaches``), the plan of approach (``plan``), meetings and communication
(``meetings``), and the progress report (``report``). ``common`` holds what they share."""
