"""The .docx format (WordprocessingML, Transitional and Strict): its reader and its writer."""
